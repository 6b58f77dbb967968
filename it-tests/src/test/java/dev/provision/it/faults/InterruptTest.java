package dev.provision.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.it.support.CliProcess;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLabFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C, SIGTERM or SIGHUP during an apply, sent as a real signal to the CLI in its own JVM: host1 is in the middle
 * of copying a big file, host2 in a long command. The running tasks are cancelled (the remote
 * command is gone), the recap is printed, the exit code is 130, 143 or 129, the copied file is the old or the
 * new content and never a part, no temporary file is left, and a rerun converges.
 */
class InterruptTest {

  @RegisterExtension
  static final SshLabFixture LAB = SshLabFixture.of(2, "127.0.8.1");

  private static final int BIG = 24 * 1024 * 1024;

  @TempDir static Path work;

  private static final String PLAYBOOK = """
      - name: deploy
        hosts: lab
        tasks:
          - name: payload
            copy: {src: "{{ files_dir }}/{{ inventory_hostname }}.bin", dest: "{{ lab_root }}/payload.bin"}
          - name: long
            shell: "echo $$ > {{ lab_root }}/pid; exec sleep $(cat {{ lab_root }}/delay)"
      """;

  /** INT (Ctrl-C), TERM (timeout, CI cancel, systemctl stop) and HUP (terminal closed), each with its shell exit code. */
  @ParameterizedTest(name = "SIG{0} exits {1}")
  @CsvSource({"INT, 130", "TERM, 143", "HUP, 129"})
  void aSignalCancelsRunningTasksPrintsTheRecapExitsWithItsCodeAndLeavesNoPartialFile(String signal, int exitCode)
      throws Exception {
    Path files = Files.createDirectories(work.resolve("files"));
    byte[] big = new byte[BIG];
    new Random(42).nextBytes(big);
    Files.write(files.resolve("host1.bin"), big);
    Files.writeString(files.resolve("host2.bin"), "small\n");
    LabHost copying = LAB.lab().host(0);
    LabHost sleeping = LAB.lab().host(1);
    for (LabHost h : LAB.lab().hosts()) {
      Files.writeString(h.root().resolve("payload.bin"), "old content\n");
      Files.writeString(h.root().resolve("delay"), "120");
    }
    Path playbook = work.resolve("site.yaml");
    Files.writeString(playbook, PLAYBOOK);
    List<String> args = List.of(playbook.toString(), "-i", LAB.inventory().toString(), "-e", "files_dir=" + files,
        "--no-color", "-v");

    Cli run;
    boolean copyWasRunning;
    try (CliProcess cli = CliProcess.start(work, Map.of(), args)) {
      copyWasRunning = awaitBoth(sleeping.root().resolve("pid"), copying.root(), 60);
      cli.signal(signal);
      run = cli.await(30);
    }

    assertThat(copyWasRunning).as("host1 was still copying when the signal came (else make BIG bigger)").isTrue();
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
    assertThat(run.stdout()).as(run.toString()).contains("RECAP")
        .containsPattern(copying.name() + "\\s+ok=").containsPattern(sleeping.name() + "\\s+ok=");
    assertThat(run.stderr()).contains("interrupted (SIG" + signal + ")");
    long pid = Long.parseLong(Files.readString(sleeping.root().resolve("pid")).strip());
    assertThat(awaitGone(pid, 10)).as("the long command (pid %d) was killed", pid).isTrue();
    byte[] now = Files.readAllBytes(copying.root().resolve("payload.bin"));
    assertThat(Arrays.equals(now, big) || new String(now).equals("old content\n"))
        .as("payload.bin is the old or the new content (%d bytes)", now.length).isTrue();
    // when the copy was stopped by closing the connection, the host's shell cleans up a moment later
    assertThat(awaitNoTemporaryFiles(copying.root(), 5)).as("temporary files left: %s", run).isTrue();

    for (LabHost h : LAB.lab().hosts()) {
      Files.writeString(h.root().resolve("delay"), "0");
    }
    Cli rerun = Cli.run(args);
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(Files.readAllBytes(copying.root().resolve("payload.bin"))).isEqualTo(big);
    assertThat(temporaryFiles(copying.root())).isEmpty();
  }

  /** Hidden files other than the ones the test made: the copy's temporary files. */
  private static Stream<Path> temporaryFiles(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().startsWith(".")).toList().stream();
    }
  }

  /** Until host2's long task started and host1's copy is writing its temporary file. */
  private static boolean awaitBoth(Path pidFile, Path copyDir, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Files.exists(pidFile) && temporaryFiles(copyDir).findAny().isPresent()) {
        return true;
      }
      Thread.sleep(5);
    }
    return false;
  }

  private static boolean awaitNoTemporaryFiles(Path dir, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (temporaryFiles(dir).findAny().isPresent()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private static boolean awaitGone(long pid, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
