package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shell text both connections run, and where a sudo password goes (stdin, never argv). */
class CommandScriptsTest {

  private final Command command = Command.of("echo hi").withEnv(Map.of("A", "x y")).withChdir("/srv/my app");

  @Test
  void theEnvironmentIsReadFromStdinThenCdThenTheScript() {
    assertThat(CommandScripts.inner(command))
        .isEqualTo("eval \"$(head -c 15)\" || exit 1\ncd -- '/srv/my app' || exit 1\necho hi");
    assertThat(new String(CommandScripts.stdin(command.withStdin("in".getBytes(StandardCharsets.UTF_8)),
        CommandScripts.Sudo.NONE, null), StandardCharsets.UTF_8)).isEqualTo("export A='x y'\nin");
  }

  @Test
  void sudoWrapsTheWholeShellSoEnvAndCdApplyAsRoot() {
    assertThat(CommandScripts.shellCommand(Command.of("id"), CommandScripts.Sudo.NONE)).isEqualTo("/bin/sh -c id");
    assertThat(CommandScripts.shellCommand(Command.of("id -u"), CommandScripts.Sudo.PASSWORDLESS))
        .isEqualTo("sudo -n -- /bin/sh -c 'id -u'");
    assertThat(CommandScripts.shellCommand(command, CommandScripts.Sudo.WITH_PASSWORD))
        .startsWith("sudo -k -S -p '' -- /bin/sh -c 'eval \"$(head -c 15)\"").doesNotContain("x y");
  }

  @Test
  void passwordIsTheFirstStdinLineAndNotInTheCommandText() {
    char[] password = "s3cret pw".toCharArray();
    Command upload = Command.of("cat > /tmp/x").withStdin("data".getBytes(StandardCharsets.UTF_8));
    byte[] stdin = CommandScripts.stdin(upload, CommandScripts.Sudo.WITH_PASSWORD, password);
    assertThat(new String(stdin, StandardCharsets.UTF_8)).isEqualTo("s3cret pw\ndata");
    assertThat(CommandScripts.shellCommand(upload, CommandScripts.Sudo.WITH_PASSWORD)).doesNotContain("s3cret");
    assertThat(CommandScripts.stdin(upload, CommandScripts.Sudo.PASSWORDLESS, password)).isEqualTo(upload.stdin());
  }

  @Test
  void invalidEnvironmentNamesAreRefused() {
    assertThatThrownBy(() -> CommandScripts.inner(Command.of("true").withEnv(Map.of("$(x)", "1"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void factoryRefusesUnknownConnectionTypes() {
    ConnectionSpec docker = new ConnectionSpec("c1", "docker", null, 0, null, null, null, false, null, null);
    assertThatThrownBy(() -> new DefaultConnectionFactory().open(docker))
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("unknown connection type `docker` for host c1");
  }

  @Test
  void factoryOpensLocalConnectionsForTypeLocal() throws Exception {
    ConnectionSpec local = new ConnectionSpec("me", "local", null, 0, null, null, null, false, null, null);
    try (Connection connection = new DefaultConnectionFactory().open(local)) {
      assertThat(connection).isInstanceOf(LocalConnection.class);
    }
  }
}
