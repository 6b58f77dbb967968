package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local connection runs real /bin/sh processes. */
class LocalConnectionTest {

  private final Connection local = open();

  private static Connection open() {
    try {
      return new DefaultConnectionFactory()
          .open(new ConnectionSpec("controller", "local", null, 0, null, null, null, false, null, null));
    } catch (ConnectionException e) {
      throw new AssertionError(e);
    }
  }

  @TempDir Path dir;

  @AfterEach
  void close() {
    local.close();
  }

  @Test
  void returnsExitCodeStdoutAndStderrSeparately() throws Exception {
    CommandResult result = local.run(Command.of("echo out; echo err >&2; exit 7"));
    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
    assertThat(local.target()).isEqualTo("local");
  }

  @Test
  void passesStdinBytesUnchanged() throws Exception {
    byte[] data = new byte[300_000];
    new java.util.Random(7).nextBytes(data);
    Path file = dir.resolve("upload.bin");
    CommandResult result = local.run(Command.of("cat > " + Shell.quote(file.toString())).withStdin(data));
    assertThat(result.succeeded()).isTrue();
    assertThat(java.util.Arrays.equals(Files.readAllBytes(file), data)).as("uploaded bytes are identical").isTrue();
  }

  @Test
  void commandWithoutStdinSeesEndOfInput() throws Exception {
    CommandResult result = local.run(Command.of("cat; echo done").withTimeout(Duration.ofSeconds(5)));
    assertThat(result.stdout()).isEqualTo("done\n");
  }

  @Test
  void appliesEnvAndChdir() throws Exception {
    CommandResult result = local.run(Command.of("printf '%s|%s' \"$GREETING\" \"$(pwd)\"")
        .withEnv(Map.of("GREETING", "it's $HOME"))
        .withChdir(dir.toString()));
    assertThat(result.stdout()).isEqualTo("it's $HOME|" + dir.toRealPath());
  }

  @Test
  void missingChdirFailsTheCommand() throws Exception {
    CommandResult result = local.run(Command.of("echo ran").withChdir(dir.resolve("nope").toString()));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("nope");
  }

  @Test
  void rejectsEnvNamesThatWouldInjectShell() {
    assertThatThrownBy(() -> local.run(Command.of("true").withEnv(Map.of("A;touch x", "1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid environment variable name");
  }

  @Test
  void timeoutKillsTheWholeProcessTree() throws Exception {
    Path marker = dir.resolve("survivor");
    long start = System.nanoTime();
    // A child in the background that would write the marker after the timeout if it survived.
    Command slow = Command.of("(sleep 2; touch " + Shell.quote(marker.toString()) + ") & sleep 30")
        .withTimeout(Duration.ofMillis(500));
    assertThatThrownBy(() -> local.run(slow))
        .isInstanceOfSatisfying(ConnectionException.class, e -> {
          assertThat(e.kind()).isEqualTo(ConnectionException.Kind.TIMEOUT);
          assertThat(e.getMessage()).contains("timed out after 500ms").contains("killed");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    Thread.sleep(2500);
    assertThat(marker).doesNotExist();
  }

  @Test
  void becomeAsRootRunsAsUidZero() throws Exception {
    CommandResult result = local.run(Command.of("id -u").withBecome(true));
    assertThat(result.stdout().strip()).isEqualTo("0");
  }
}
