package dev.provision.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.it.support.CliProcess;
import dev.provision.lab.ssh.SshLabFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: two runs on one host never interleave. The first holds the host's run lock (a
 * {@code flock} in the login user's state directory) for its whole run; a second run waits, saying
 * who holds it, and starts its tasks only when the first has ended; with {@code --no-wait-lock} it
 * fails that host at once, naming the holder. Over real SSH, through the real CLI.
 */
class RunLockTest {

  @RegisterExtension
  static final SshLabFixture LAB = SshLabFixture.of(1, "127.0.9.41");

  @TempDir Path work;

  @Test
  void aSecondRunWaitsForTheFirstOrFailsAtOnceWithNoWaitLock() throws Exception {
    Path marks = LAB.lab().host(0).root().resolve("marks");
    Path first = Files.writeString(work.resolve("first.yaml"), """
        - hosts: lab
          gather_facts: false
          tasks:
            - shell: >-
                echo first-start >> {{ lab_root }}/marks;
                n=0; until [ -e {{ lab_root }}/release ] || [ $n -ge 1200 ]; do sleep 0.1; n=$((n+1)); done;
                echo first-end >> {{ lab_root }}/marks
        """);
    Path second = Files.writeString(work.resolve("second.yaml"), """
        - hosts: lab
          gather_facts: false
          tasks:
            - shell: 'echo second >> {{ lab_root }}/marks'
        """);
    String inventory = LAB.inventory().toString();
    try (CliProcess one = CliProcess.start(work, Map.of(), List.of(first.toString(), "-i", inventory, "--no-color"))) {
      waitForFile(marks, "first-start", 30);

      Cli refused = CliProcess.run(work, Map.of(), List.of(second.toString(), "-i", inventory, "--no-color",
          "--no-wait-lock"));
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.stdout() + refused.stderr()).contains("another run holds the run lock on")
          .contains("provision pid " + one.pid()).contains("--no-wait-lock");
      assertThat(Files.readString(marks)).doesNotContain("second");

      try (CliProcess two = CliProcess.start(work, Map.of(), List.of(second.toString(), "-i", inventory,
          "--no-color"))) {
        assertThat(two.awaitOutput("waiting for the run lock on", 60)).as(two.stdoutSoFar()).isTrue();
        assertThat(two.stdoutSoFar()).contains("held by provision pid " + one.pid());
        Thread.sleep(500);
        assertThat(Files.readString(marks)).doesNotContain("second");
        Files.writeString(LAB.lab().host(0).root().resolve("release"), "");
        Cli firstRun = one.await(60);
        assertThat(firstRun.exitCode()).as(firstRun.toString()).isZero();
        Cli waited = two.await(60);
        assertThat(waited.exitCode()).as(waited.toString()).isZero();
      }
    }
    // the second run's task ran only after the first run's had ended
    assertThat(Files.readAllLines(marks)).containsExactly("first-start", "first-end", "second");

    // the lock went with the first run: a third run neither waits nor fails
    Cli third = CliProcess.run(work, Map.of(), List.of(second.toString(), "-i", inventory, "--no-color",
        "--no-wait-lock"));
    assertThat(third.exitCode()).as(third.toString()).isZero();
    assertThat(third.stdout() + third.stderr()).doesNotContain("run lock");
  }

  private static void waitForFile(Path file, String text, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(file + " never held " + text);
  }
}
