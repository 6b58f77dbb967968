package dev.provision.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.testing.ChildCli;
import dev.provision.cli.testing.TerminalScreen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text output on a real terminal: the CLI runs in a pseudo-terminal (python3's pty module),
 * whose width is then set with {@code stty cols 60}, and what it wrote is replayed on an emulated
 * screen of that width.
 */
class TerminalOutputTest {

  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");
  private static final Pattern RUNNING = Pattern.compile("running\\s+(\\S+)\\s.*\\((\\d+)s\\)");

  @TempDir Path dir;

  private Path inventory() throws Exception {
    return Files.writeString(dir.resolve("hosts.ini"), """
        [all]
        alpha ansible_connection=local
        beta ansible_connection=local
        """);
  }

  private ChildCli.Result runInTerminal(String playbook, String... more) throws Exception {
    Path book = Files.writeString(dir.resolve("site.yaml"), playbook);
    String[] args = new String[more.length + 3];
    args[0] = book.toString();
    args[1] = "-i";
    args[2] = inventory().toString();
    System.arraycopy(more, 0, args, 3, more.length);
    // opened at 120 columns, then narrowed the way a user would: the CLI must read the width itself
    return ChildCli.in(dir).inTerminal(120, 40, "stty cols 60 rows 40").run(args);
  }

  @Test
  void everyRunningNodeShowsALiveElapsedTime() throws Exception {
    ChildCli.Result r = runInTerminal("""
        - hosts: all
          gather_facts: false
          tasks:
            - name: a long command
              shell: sleep 3.6
        """);
    assertThat(r.code()).as(r.toString()).isZero();
    Map<String, Set<Integer>> seen = new TreeMap<>();
    Matcher m = RUNNING.matcher(ANSI.matcher(r.out()).replaceAll(""));
    while (m.find()) {
      seen.computeIfAbsent(m.group(1), h -> new TreeSet<>()).add(Integer.parseInt(m.group(2)));
    }
    assertThat(seen).as("the running nodes' clocks, as redrawn: %s", r.out()).containsOnlyKeys("alpha", "beta");
    seen.forEach((host, seconds) -> assertThat(seconds).as("elapsed seconds shown for " + host).contains(1, 2, 3));
  }

  @Test
  void redrawnLinesFitTheTerminalWidthAndLeaveNothingBehind() throws Exception {
    ChildCli.Result r = runInTerminal("""
        - name: a play whose name alone is wider than this narrow terminal is
          hosts: all
          gather_facts: false
          tasks:
            - name: a task whose name is long enough to overflow a line of sixty columns
              shell: sleep 2.2
        """);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).as("a live line was drawn").contains("running");
    TerminalScreen screen = TerminalScreen.replay(r.out(), 60);
    assertThat(screen.wraps()).as("lines that ran past column 60 (they leave fragments when redrawn):\n%s",
        String.join("\n", screen.lines())).isZero();
    assertThat(screen.lines()).as("the screen at the end").noneMatch(l -> l.contains("running"))
        .anyMatch(l -> l.startsWith("changed  alpha") && l.endsWith("s)"))
        .anyMatch(l -> l.startsWith("changed  beta"));
  }

  @Test
  void onATerminalOnlySummariesAreCutAndVerboseShowsThemWhole() throws Exception {
    String longMessage = "m".repeat(90) + " the end of a long message";
    String playbook = """
        - hosts: alpha
          gather_facts: false
          tasks:
            - debug: {msg: "%s"}
            - command: sh -c 'echo "%s" >&2; exit 3'
        """.formatted(longMessage, "f".repeat(90) + " the end of the failure");
    ChildCli.Result plain = runInTerminal(playbook);
    String text = ANSI.matcher(plain.out()).replaceAll("");
    assertThat(plain.code()).as(plain.toString()).isEqualTo(1);
    assertThat(text).as("the summary is fitted to the terminal").doesNotContain("the end of a long message")
        .contains("…").contains("the end of the failure");
    ChildCli.Result verbose = runInTerminal(playbook, "-v");
    assertThat(ANSI.matcher(verbose.out()).replaceAll("")).as("-v shows the message whole")
        .contains(longMessage).contains("the end of the failure");
  }
}
