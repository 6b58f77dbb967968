package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.testing.Missing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provision completion bash|zsh}, sourced in a real bash and zsh: subcommands, options, and
 * the host and group names of the inventory on the line for {@code --limit}, which the script gets
 * by running the CLI itself (a {@code provision} on the PATH that runs this build).
 */
class CompletionTest {

  @TempDir Path dir;
  private Path inventory;
  private Path bin;

  @BeforeEach
  void setUp() throws Exception {
    inventory = Files.writeString(dir.resolve("hosts.ini"), """
        [workers]
        worker01 ansible_connection=local
        worker02 ansible_connection=local
        [controllers]
        controller ansible_connection=local
        """);
    bin = Files.createDirectories(dir.resolve("bin"));
    Path provision = bin.resolve("provision");
    Files.writeString(provision, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path") + "' dev.provision.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(provision, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String script(String shell) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"completion", shell}, new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    assertThat(code).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What the script's completion function offers for the words typed, the last one being completed. */
  private String complete(String shell, String... words) throws Exception {
    Path script = Files.writeString(dir.resolve("completion." + shell), script(shell));
    String array = String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList());
    String body = "source '" + script + "'\n"
        + (shell.equals("zsh") ? "setopt ksharrays\n" : "")
        + "COMP_WORDS=(" + array + ")\nCOMP_CWORD=" + (words.length - 1) + "\nCOMP_LINE='" + String.join(" ", words)
        + "'\n_complete_provision 2>/dev/null\nfor w in \"${COMPREPLY[@]}\"; do echo \"$w\"; done\n";
    List<String> command = shell.equals("zsh")
        ? List.of("zsh", "-c", "autoload -U +X compinit && compinit -u; " + body)
        : List.of("bash", "-c", body);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("HOME", dir.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static void need(String shell) {
    if (!Files.isExecutable(Path.of("/usr/bin/" + shell)) && !Files.isExecutable(Path.of("/bin/" + shell))) {
      Missing.part(shell);
    }
  }

  @Test
  void bashCompletesCommandsOptionsAndTheInventorysHostsForLimit() throws Exception {
    need("bash");
    assertThat(complete("bash", "provision", "val").lines()).containsExactly("validate");
    assertThat(complete("bash", "provision", "validate", "--inv").lines()).containsExactly("--inventory");
    assertThat(complete("bash", "provision", "graph", "x.yaml", "--view", "").lines())
        .containsExactlyInAnyOrder("nodes", "plays", "hosts");
    assertThat(complete("bash", "provision", "site.yaml", "-i", inventory.toString(), "--limit", "work").lines())
        .containsExactlyInAnyOrder("workers", "worker01", "worker02");
    assertThat(complete("bash", "provision", "validate", "site.yaml", "--inventory", inventory.toString(), "-l", "c")
        .lines()).containsExactlyInAnyOrder("controllers", "controller");
    assertThat(complete("bash", "provision", "site.yaml", "--limit", "w").lines())
        .as("no inventory on the line: nothing to offer").isEmpty();
  }

  @Test
  void zshUsesTheSameScriptThroughBashcompinit() throws Exception {
    need("zsh");
    // zsh's compgen emulation leaves matching the typed prefix to zsh itself: every candidate comes back
    assertThat(complete("zsh", "provision", "val").lines()).contains("validate", "graph", "completion", "doc");
    assertThat(complete("zsh", "provision", "site.yaml", "-i", inventory.toString(), "--limit", "w").lines())
        .contains("workers", "controllers", "worker01", "worker02", "controller");
  }

  @Test
  void withoutAShellItSaysWhichOnesThereAre() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"completion"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("provision completion bash", "provision completion zsh");
  }
}
