package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The atomic-write script itself, run with {@code sh} here, where a test can cut the transfer the
 * way a closed ssh channel does: stdin ends early and stderr is gone.
 */
class AtomicScriptTest {

  @TempDir Path dir;

  @Test
  void aTransferCutShortWithItsStderrGoneKeepsTheOldFileAndLeavesNoTemporaryFile() throws Exception {
    Path dest = Files.writeString(dir.resolve("payload.bin"), "old\n");
    String script = AtomicScript.fromStdin(RemotePath.of("dest", dest.toString()), 1000)
        .attributes(null, new Ownership(null, null)).script();
    Process sh = new ProcessBuilder("sh", "-c", script).start();
    sh.getErrorStream().close(); // the reader of stderr is gone, as when the connection closes
    try (OutputStream in = sh.getOutputStream()) {
      in.write(new byte[10]); // 10 of 1000 bytes, then the end
    }
    assertThat(sh.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(sh.exitValue()).as("a failure, not a kill by SIGPIPE (which skips the cleanup)").isIn(72, 129);
    assertThat(dest).hasContent("old");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("payload.bin");
    }
  }

  @Test
  void aCompleteTransferReplacesTheFile() throws Exception {
    Path dest = Files.writeString(dir.resolve("payload.bin"), "old\n");
    String script = AtomicScript.fromStdin(RemotePath.of("dest", dest.toString()), 4)
        .attributes(FileMode.parse("0640"), new Ownership(null, null)).script();
    Process sh = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    try (OutputStream in = sh.getOutputStream()) {
      in.write("new\n".getBytes());
    }
    assertThat(sh.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(sh.exitValue()).as(new String(sh.getInputStream().readAllBytes())).isZero();
    assertThat(dest).hasContent("new");
    assertThat(Files.getPosixFilePermissions(dest)).hasSize(3); // rw-r-----
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("payload.bin");
    }
  }
}
