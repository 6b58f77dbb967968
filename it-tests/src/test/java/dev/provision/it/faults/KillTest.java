package dev.provision.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.it.support.CliProcess;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLabFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 4, over real SSH: a SIGKILL of the CLI (no handler, no recap) in the middle of a
 * {@code copy} leaves no temporary file on the host (the shell's traps see the closed connection),
 * and a later run removes what an earlier one could not (a temporary file whose shell is gone),
 * never a file of a live writer or of another name.
 */
class KillTest {

  @RegisterExtension
  static final SshLabFixture LAB = SshLabFixture.of(1, "127.0.8.11");

  private static final int BIG = 24 * 1024 * 1024;

  @TempDir static Path work;

  @Test
  void sigkillMidCopyLeavesNoTemporaryFileAndTheNextRunRemovesOrphansOfGoneShellsOnly() throws Exception {
    Path files = Files.createDirectories(work.resolve("files"));
    byte[] big = new byte[BIG];
    new Random(7).nextBytes(big);
    Files.write(files.resolve("big.bin"), big);
    LabHost host = LAB.lab().host(0);
    Files.writeString(host.root().resolve("payload.bin"), "old content\n");
    Path playbook = Files.writeString(work.resolve("site.yaml"), """
        - hosts: lab
          gather_facts: false
          tasks:
            - copy: {src: "{{ files_dir }}/big.bin", dest: "{{ lab_root }}/payload.bin"}
        """);
    List<String> args = List.of(playbook.toString(), "-i", LAB.inventory().toString(), "-e", "files_dir=" + files,
        "--no-color");

    boolean copying;
    try (CliProcess cli = CliProcess.start(work, Map.of(), args)) {
      copying = awaitTemporaryFile(host.root(), 60);
      cli.signal("KILL");
      cli.await(30);
    }
    assertThat(copying).as("the copy was writing its temporary file when SIGKILL came").isTrue();
    assertThat(awaitNoTemporaryFiles(host.root(), 10)).as("temporary files left: %s",
        temporaryFiles(host.root())).isTrue();
    byte[] now = Files.readAllBytes(host.root().resolve("payload.bin"));
    assertThat(Arrays.equals(now, big) || new String(now).equals("old content\n")).isTrue();

    // what a SIGKILL of the host's shell itself would leave: the next run removes it, and only it
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path orphan = Files.writeString(host.root().resolve(".provision-tmp." + gone.pid() + ".AbCdEfGh"), "half");
    Path live = Files.writeString(host.root().resolve(".provision-tmp." + ProcessHandle.current().pid()
        + ".LiveLive"), "being written");
    Path foreign = Files.writeString(host.root().resolve(".provision-tmp.notapid.XyZxYzXy"), "not ours");
    Path other = Files.writeString(host.root().resolve(".payload.bin.Ab12Cd"), "someone else's");
    for (Path p : List.of(orphan, live, foreign, other)) {
      Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(7200)));
    }
    Files.writeString(host.root().resolve("payload.bin"), "old content\n");

    Cli rerun = Cli.run(args);
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(Files.readAllBytes(host.root().resolve("payload.bin"))).isEqualTo(big);
    assertThat(orphan).doesNotExist();
    assertThat(live).exists();
    assertThat(foreign).exists();
    assertThat(other).exists();
  }

  private static List<Path> temporaryFiles(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().startsWith(".provision-tmp.")).toList();
    }
  }

  private static boolean awaitTemporaryFile(Path dir, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!temporaryFiles(dir).isEmpty()) {
        return true;
      }
      Thread.sleep(5);
    }
    return false;
  }

  private static boolean awaitNoTemporaryFiles(Path dir, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!temporaryFiles(dir).isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }
}
