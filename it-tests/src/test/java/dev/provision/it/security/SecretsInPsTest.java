package dev.provision.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.it.support.CliProcess;
import dev.provision.lab.ssh.SshLabFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 5, over real SSH: a secret given to {@code shell} and {@code command} through
 * {@code env:} is never in any process's argv on the host while the task runs (every user can read
 * those with {@code ps}), and the command still sees it. The test host is an sshd on this machine,
 * so this machine's {@code ps} is the host's; the sampler must see the task's own {@code sleep},
 * which shows it can see what runs.
 */
class SecretsInPsTest {

  @RegisterExtension
  static final SshLabFixture LAB = SshLabFixture.of(1, "127.0.9.31");

  private static final String SECRET = "planted-api-token-5d1e8c";

  @TempDir Path work;

  @Test
  void anEnvSecretNeverShowsInPsAndTheCommandStillGetsIt() throws Exception {
    Path playbook = Files.writeString(work.resolve("site.yaml"), """
        - hosts: lab
          gather_facts: false
          tasks:
            - shell: 'sleep 3.17; printf %s "$API_TOKEN" > {{ lab_root }}/shell-token'
              args:
                env: {API_TOKEN: "{{ token }}"}
            - command: sleep 3.18
              args:
                env: {API_TOKEN: "{{ token }}"}
        """);
    // from a file: a secret on the CLI's own command line would be in ps on this machine
    Path vars = Files.writeString(work.resolve("secrets.yaml"), "token: " + SECRET + "\n");
    List<String> args = List.of(playbook.toString(), "-i", LAB.inventory().toString(), "--secrets", vars.toString(),
        "--no-color");

    List<String> seen;
    Cli run;
    try (CliProcess cli = CliProcess.start(work, Map.of(), args)) {
      seen = sample(cli, 60);
      run = cli.await(60);
    }

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(seen).as("the sampler saw the tasks' commands").anyMatch(l -> l.contains("sleep 3.17"))
        .anyMatch(l -> l.contains("sleep 3.18"));
    assertThat(seen).as("a process's argv on the host").noneMatch(l -> l.contains(SECRET));
    assertThat(Files.readString(LAB.lab().host(0).root().resolve("shell-token"))).isEqualTo(SECRET);
  }

  /** Every distinct {@code ps} line seen until the CLI exits (at most {@code seconds}). */
  private static List<String> sample(CliProcess cli, int seconds) throws IOException, InterruptedException {
    java.util.Set<String> lines = new java.util.LinkedHashSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && ProcessHandle.of(cli.pid()).map(ProcessHandle::isAlive).orElse(false)) {
      Process ps = new ProcessBuilder("ps", "-eo", "args", "--no-headers").redirectErrorStream(true).start();
      String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      ps.waitFor();
      out.lines().forEach(lines::add);
      Thread.sleep(20);
    }
    return List.copyOf(lines);
  }
}
