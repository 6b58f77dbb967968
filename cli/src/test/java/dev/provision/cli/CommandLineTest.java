package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The command line as a person meets it: help for every option, and the command meant when one is mistyped. */
class CommandLineTest {

  @TempDir Path dir;

  @Test
  void everyOptionAndParameterOfEveryCommandHasADescription() {
    List<String> blank = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    walk(Main.commandLine(System.out, System.err).getCommandSpec(), blank, seen);
    assertThat(seen).as("options walked").contains("provision validate -i", "provision graph --skip-tags",
        "provision graph -e", "provision doc MODULE", "provision completion SHELL", "provision inventory -i");
    assertThat(blank).as("options and parameters without a description").isEmpty();
    for (String command : List.of("validate", "graph")) {
      String help = MainTest.run(command, "--help").out();
      assertThat(help).as(command + " --help")
          .containsPattern("-i, --inventory=PATH\\s+\\S")
          .containsPattern("-l, --limit=PATTERN\\s+\\S")
          .containsPattern("--skip-tags=TAG\\S*\\s+\\S");
    }
    for (String command : List.of("validate", "graph")) {
      assertThat(MainTest.run(command, "--help").out()).as(command + " --help")
          .containsPattern("-e, --extra-vars=VARS\\s+\\S");
    }
  }

  private static void walk(CommandSpec spec, List<String> blank, List<String> seen) {
    for (OptionSpec o : spec.options()) {
      record(spec.qualifiedName() + " " + o.shortestName(), o, blank, seen);
    }
    for (ArgSpec p : spec.positionalParameters()) {
      record(spec.qualifiedName() + " " + ((CommandLine.Model.PositionalParamSpec) p).paramLabel(), p, blank, seen);
    }
    spec.subcommands().values().forEach(sub -> walk(sub.getCommandSpec(), blank, seen));
  }

  private static void record(String name, ArgSpec arg, List<String> blank, List<String> seen) {
    seen.add(name);
    if (arg.description().length == 0 || String.join(" ", arg.description()).isBlank()) {
      blank.add(name);
    }
  }

  @Test
  void aMistypedCommandPointsAtTheCommandMeant() throws Exception {
    Path book = Files.writeString(dir.resolve("site.yaml"), "- hosts: all\n  tasks: []\n");
    Path inventory = Files.writeString(dir.resolve("hosts.ini"), "h1 ansible_connection=local\n");
    MainTest.Result typo = MainTest.run("valdate", book.toString(), "-i", inventory.toString());
    assertThat(typo.code()).isEqualTo(1);
    assertThat(typo.err()).contains("unknown command `valdate`; did you mean `provision validate`?")
        .doesNotContain("lab").doesNotContain("Unmatched argument");
    MainTest.Result alone = MainTest.run("valdate", "-i", inventory.toString());
    assertThat(alone.code()).isEqualTo(1);
    assertThat(alone.err()).contains("did you mean `provision validate`?").doesNotContain("file not found");
    MainTest.Result graph = MainTest.run("grpah", book.toString(), "-i", inventory.toString());
    assertThat(graph.err()).contains("did you mean `provision graph`?");
    MainTest.Result options = MainTest.run(book.toString(), "-i", inventory.toString(), "--fork", "3");
    assertThat(options.err()).as("option suggestions stay picocli's").contains("Possible solutions: --forks");
  }
}
