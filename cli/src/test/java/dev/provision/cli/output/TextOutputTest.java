package dev.provision.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.Main;
import dev.provision.cli.testing.ChildCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text output without a terminal (logs, CI, pipes), through the CLI: whole, escaped, rendered names. */
class TextOutputTest {

  record Run(int code, String out, String err) {}

  @TempDir Path dir;

  private Path inventory() throws Exception {
    return Files.writeString(dir.resolve("hosts.ini"), """
        [workers]
        w1 ansible_connection=local v=one
        [controllers]
        c1 ansible_connection=local v=two
        """);
  }

  private Run run(String playbook, String... more) throws Exception {
    Path book = Files.writeString(dir.resolve("site.yaml"), playbook);
    List<String> args = new ArrayList<>(List.of(book.toString(), "-i", inventory().toString()));
    args.addAll(List.of(more));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void messagesAreNeverCutWithoutATerminal() throws Exception {
    String first = "x".repeat(200) + " end of the first line";
    Run r = run("""
        - name: p
          hosts: w1
          gather_facts: false
          tasks:
            - name: long
              debug: {msg: "%s\\nsecond line\\nthird line"}
            - name: fails
              command: sh -c 'printf "%%s\\n" one two three "%s" >&2; exit 4'
        """.formatted(first, "y".repeat(200) + " end of the failure"));
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).contains(first).contains("\n           second line\n           third line\n")
        .contains("y".repeat(200) + " end of the failure").doesNotContain("...").doesNotContain("…");
  }

  @Test
  void aTasksDiffTrueShowsItsDiffWithoutTheDiffOptionInThePlanAndTheApply() throws Exception {
    String playbook = """
        - hosts: w1
          gather_facts: false
          tasks:
            - {name: shown, copy: {dest: "%1$s/a", content: "shown-line\\n"}, diff: true}
            - {name: unset, copy: {dest: "%1$s/b", content: "unset-line\\n"}}
            - block:
                - {name: in block, copy: {dest: "%1$s/c", content: "block-line\\n"}}
              diff: true
            - {name: mode, debug: {msg: "mode={{ ansible_diff_mode }}"}, diff: true}
        """.formatted(dir);
    for (String mode : List.of("--plan", "--apply")) {
      Run r = mode.equals("--plan") ? run(playbook, "--plan") : run(playbook);
      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(mode.equals("--plan") ? 2 : 0); // 2: the plan changes
      assertThat(r.out()).as(mode).contains("+shown-line").contains("+block-line").doesNotContain("+unset-line")
          .contains("mode=False"); // ansible_diff_mode is --diff alone, as Ansible 2.14's
    }
    assertThat(dir.resolve("a")).hasContent("shown-line");
  }

  @Test
  void controlCharactersFromAHostAreShownEscaped() throws Exception {
    Run r = run("""
        - hosts: w1
          gather_facts: false
          tasks:
            - name: prints terminal controls
              shell: printf 'a\\033[31mred\\rover\\007bell\\033]0;title\\007'
              register: controls
            - debug: {msg: "{{ controls.stdout }}"}
        """);
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u0007")
        .contains("a\\e[31mred\\rover\\abell\\e]0;title\\a");
  }

  @Test
  void unnamedTasksAreNamedAsOneLineOfYamlAndANewlineDoesNotSplitIt() throws Exception {
    Run r = run("""
        - hosts: w1
          gather_facts: false
          tasks:
            - debug: {msg: "kernel {{ v }}"}
            - debug:
                msg: "two\\nlines"
        """);
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("w1        play 1 › debug: {msg: \"kernel {{ v }}\"}  kernel one")
        .contains("w1        play 1 › debug: {msg: \"two\\nlines\"}  two\n           lines")
        .doesNotContain("{msg=");
  }

  @Test
  void taskNamesAreRenderedWithEachHostsVariablesOrKeptAsWritten() throws Exception {
    Run r = run("""
        - hosts: all
          gather_facts: false
          tasks:
            - name: "version is {{ v }}"
              debug: {msg: ok}
            - name: "not defined: {{ nowhere }}"
              debug: {msg: ok}
        """, "--output", "json");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("\"task\":\"version is one\",\"host\":\"w1\"")
        .contains("\"task\":\"version is two\",\"host\":\"c1\"")
        .contains("\"task\":\"not defined: {{ nowhere }}\"");
    Run text = run("""
        - hosts: all
          gather_facts: false
          tasks:
            - name: "version is {{ v }}"
              debug: {msg: ok}
        """);
    assertThat(text.out()).contains("w1        play 1 › version is one", "c1        play 1 › version is two");
  }

  @Test
  void aPlayLeftWithoutHostsByLimitSaysSo() throws Exception {
    Run r = run("""
        - name: workers
          hosts: workers
          gather_facts: false
          tasks:
            - debug: {msg: hi}
        - name: controllers only
          hosts: controllers
          gather_facts: false
          tasks:
            - debug: {msg: hi}
        """, "--limit", "workers");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("PLAY workers on w1\n").contains("PLAY controllers only: no hosts after --limit workers\n")
        .doesNotContain("PLAY controllers only on");
  }

  @Test
  void withoutATerminalAHeartbeatSaysWhatIsStillRunning() throws Exception {
    Path book = Files.writeString(dir.resolve("slow.yaml"), """
        - hosts: w1
          gather_facts: false
          tasks:
            - name: a long command
              shell: sleep 2.4
        """);
    ChildCli.Result r = ChildCli.in(dir).env("PROVISION_HEARTBEAT", "0.5")
        .run(book.toString(), "-i", inventory().toString());
    assertThat(r.code()).as(r.toString()).isZero();
    Matcher m = Pattern.compile("(?m)^running  w1\\s+play 1 › a long command \\((\\d+\\.\\d)s\\)$").matcher(r.out());
    List<Double> beats = new ArrayList<>();
    while (m.find()) {
      beats.add(Double.parseDouble(m.group(1)));
    }
    assertThat(beats).as("heartbeat lines: %s", r.out()).hasSizeGreaterThanOrEqualTo(3).isSorted()
        .allMatch(s -> s >= 0.4, "about every 0.5 s, not at the start");
    assertThat(r.out()).as("plain lines, no redraw codes").doesNotContain("\u001b").doesNotContain("\r");
  }

  @Test
  void theHeartbeatIntervalMustBeANumber() throws Exception {
    Path book = Files.writeString(dir.resolve("any.yaml"), "- hosts: w1\n  tasks: []\n");
    ChildCli.Result r = ChildCli.in(dir).env("PROVISION_HEARTBEAT", "soon").run(book.toString(), "-i",
        inventory().toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("PROVISION_HEARTBEAT=soon is not a number of seconds");
  }
}
