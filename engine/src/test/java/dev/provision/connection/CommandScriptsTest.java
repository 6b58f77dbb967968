package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shell text both connections run: the command line is a launcher that holds nothing of the
 * script, the environment or a sudo password (all on stdin); run by a real /bin/sh.
 */
class CommandScriptsTest {

  private final Command command = Command.of("echo hi").withEnv(Map.of("A", "x y")).withChdir("/srv/my app");

  @Test
  void theScriptIsTheEnvironmentThenCdThenTheCommandThenTheEndLine() {
    assertThat(new String(CommandScripts.stdin(command.withStdin("in".getBytes(StandardCharsets.UTF_8)),
        CommandScripts.Sudo.NONE, null), StandardCharsets.UTF_8))
        .isEqualTo("export A='x y'\ncd -- '/srv/my app' || exit 1\necho hi\n" + CommandScripts.END + "in");
  }

  @Test
  void theCommandLineHoldsNeitherTheScriptNorTheEnvironment() {
    for (CommandScripts.Sudo sudo : CommandScripts.Sudo.values()) {
      assertThat(CommandScripts.shellCommand(command, sudo)).doesNotContain("echo hi").doesNotContain("x y")
          .doesNotContain("/srv/my app").contains("head -c " + CommandScripts.script(command).length);
    }
    assertThat(CommandScripts.shellCommand(Command.of("id -u"), CommandScripts.Sudo.PASSWORDLESS))
        .startsWith("sudo -n -- /bin/sh -c ");
    assertThat(CommandScripts.shellCommand(command, CommandScripts.Sudo.WITH_PASSWORD))
        .startsWith("sudo -k -S -p '' -- /bin/sh -c ");
  }

  @Test
  void becomeUserMethodFlagsAndExeShapeTheCommandLineAndTheScriptStaysOnStdin() {
    Command id = Command.of("id -un");
    Become app = new Become("app user", "sudo", "-H", null, null);
    assertThat(CommandScripts.shellCommand(id, CommandScripts.Sudo.PASSWORDLESS, app))
        .startsWith("sudo -H -n -u 'app user' -- /bin/sh -c ");
    assertThat(CommandScripts.shellCommand(id, CommandScripts.Sudo.WITH_PASSWORD,
        new Become("root", "sudo", null, "/opt/bin/sudo", null))).startsWith("/opt/bin/sudo -k -S -p '' -- /bin/sh -c ");
    String su = CommandScripts.shellCommand(id, CommandScripts.Sudo.WITH_PASSWORD, new Become("web", "su", "-l", null,
        null));
    assertThat(su).startsWith("su -l web -c '/bin/sh -c '").doesNotContain("id -un");
    assertThat(CommandScripts.shellCommand(id, CommandScripts.Sudo.NONE, app)).startsWith("/bin/sh -c ");
  }

  @Test
  void passwordIsTheFirstStdinLineAndNotInTheCommandText() {
    char[] password = "s3cret pw".toCharArray();
    Command upload = Command.of("cat > /tmp/x").withStdin("data".getBytes(StandardCharsets.UTF_8));
    byte[] stdin = CommandScripts.stdin(upload, CommandScripts.Sudo.WITH_PASSWORD, password);
    assertThat(new String(stdin, StandardCharsets.UTF_8))
        .isEqualTo("s3cret pw\ncat > /tmp/x\n" + CommandScripts.END + "data");
    assertThat(CommandScripts.shellCommand(upload, CommandScripts.Sudo.WITH_PASSWORD)).doesNotContain("s3cret");
    assertThat(new String(CommandScripts.stdin(upload, CommandScripts.Sudo.PASSWORDLESS, password),
        StandardCharsets.UTF_8)).doesNotContain("s3cret");
  }

  @Test
  void aRealShellRunsTheScriptWithItsExitCodeItsInputAndAHereDocAtTheEnd() throws Exception {
    Command script = Command.of("read line; printf '%s|%s\\n' \"$A\" \"$line\"; cat <<'EOF'\nhere doc\nEOF")
        .withEnv(Map.of("A", "it's $HOME"));
    Sh run = sh(script.withStdin("input line\n".getBytes(StandardCharsets.UTF_8)), Integer.MAX_VALUE);
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("it's $HOME|input line\nhere doc\n");
    assertThat(sh(Command.of("true; (exit 3)"), Integer.MAX_VALUE).exit()).isEqualTo(3);
    assertThat(sh(Command.of("exit 7"), Integer.MAX_VALUE).exit()).isEqualTo(7);
  }

  @Test
  void aScriptCutShortRunsNothingOfItself() throws Exception {
    Command script = Command.of("echo first part ran\necho second part ran");
    for (int cut : new int[] {0, 10, CommandScripts.script(script).length - 1}) {
      Sh run = sh(script, cut);
      assertThat(run.exit()).as("cut at %d", cut).isEqualTo(CommandScripts.INCOMPLETE);
      assertThat(run.out()).as("cut at %d", cut).isEmpty();
      assertThat(run.err()).contains("the script arrived incomplete");
    }
  }

  private record Sh(int exit, String out, String err) {}

  /** The launcher under a real /bin/sh, fed at most {@code bytes} of its stdin, then end of input. */
  private static Sh sh(Command command, int bytes) throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", CommandScripts.inner(command)).start();
    byte[] stdin = CommandScripts.stdin(command, CommandScripts.Sudo.NONE, null);
    try (var in = p.getOutputStream()) {
      in.write(stdin, 0, Math.min(bytes, stdin.length));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Sh(p.waitFor(), out, err);
  }

  @Test
  void invalidEnvironmentNamesAreRefused() {
    assertThatThrownBy(() -> CommandScripts.script(Command.of("true").withEnv(Map.of("$(x)", "1"))))
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
