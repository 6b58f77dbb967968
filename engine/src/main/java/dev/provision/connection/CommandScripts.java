package dev.provision.connection;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link Command} into the shell text both connections run: the environment and the
 * {@code cd} go inside the {@code /bin/sh -c} so they apply as the become user too, and become
 * is {@code sudo} with the password (if any) read from stdin, never from argv; the environment's
 * values are read from stdin as well.
 */
final class CommandScripts {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private CommandScripts() {}

  /** How become is done for one command. */
  enum Sudo {
    NONE,
    PASSWORDLESS,
    WITH_PASSWORD
  }

  /**
   * The script as the target user runs it: the environment, cd, then the command's own text. The
   * environment's values (tokens, passwords) are not in it: anyone on the host can read a process's
   * argv ({@code ps}), so the exports are read from the first bytes of stdin ({@link #stdin}) and
   * evaluated; {@code head -c} reads exactly that many bytes and leaves the rest for the command.
   */
  static String inner(Command command) {
    StringBuilder out = new StringBuilder();
    byte[] exports = exports(command);
    if (exports.length > 0) {
      out.append("eval \"$(head -c ").append(exports.length).append(")\" || exit 1\n");
    }
    if (command.chdir() != null) {
      out.append("cd -- ").append(Shell.quote(command.chdir())).append(" || exit 1\n");
    }
    return out.append(command.script()).toString();
  }

  /** {@code /bin/sh -c '...'}, behind sudo when needed. */
  static String shellCommand(Command command, Sudo sudo) {
    String sh = "/bin/sh -c " + Shell.quote(inner(command));
    return switch (sudo) {
      case NONE -> sh;
      case PASSWORDLESS -> "sudo -n -- " + sh;
      // -k: ignore cached credentials so sudo always reads the password line we send first.
      case WITH_PASSWORD -> "sudo -k -S -p '' -- " + sh;
    };
  }

  /** {@code export K='V'} lines for the command's environment, as the shell reads them from stdin. */
  private static byte[] exports(Command command) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(command.env()).entrySet()) {
      if (!ENV_NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("invalid environment variable name `" + e.getKey() + "`");
      }
      out.append("export ").append(e.getKey()).append('=').append(Shell.quote(e.getValue())).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The bytes to send as stdin: the sudo password line first when sudo reads one, then the
   * environment's exports (see {@link #inner}), then the command's own input.
   */
  static byte[] stdin(Command command, Sudo sudo, char[] password) {
    byte[] exports = exports(command);
    byte[] own = command.stdin() == null ? new byte[0] : command.stdin();
    byte[] input = own;
    if (exports.length > 0) {
      input = new byte[exports.length + own.length];
      System.arraycopy(exports, 0, input, 0, exports.length);
      System.arraycopy(own, 0, input, exports.length, own.length);
    }
    if (sudo != Sudo.WITH_PASSWORD) {
      return input;
    }
    java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
    int secretLength = encoded.remaining();
    byte[] all = new byte[secretLength + 1 + input.length];
    encoded.get(all, 0, secretLength);
    all[secretLength] = '\n';
    System.arraycopy(input, 0, all, secretLength + 1, input.length);
    if (encoded.hasArray()) {
      java.util.Arrays.fill(encoded.array(), (byte) 0);
    }
    return all;
  }

  /**
   * Kills a process and everything below it: stop each parent so it forks no more and collect the
   * tree, then TERM (so scripts run their cleanup traps, e.g. remove a temporary file), and KILL
   * whatever is still there after a second.
   */
  static String killTree(long pid) {
    return "stop_tree() { kill -STOP \"$1\" 2>/dev/null; echo \"$1\"; for c in $(pgrep -P \"$1\"); do stop_tree \"$c\"; done; };"
        + " pids=$(stop_tree " + pid + "); kill -TERM $pids 2>/dev/null; kill -CONT $pids 2>/dev/null;"
        + " n=0; while [ $n -lt 20 ] && kill -0 " + pid + " 2>/dev/null; do sleep 0.05; n=$((n+1)); done;"
        + " kill -KILL $pids 2>/dev/null; kill -KILL -- -" + pid + " 2>/dev/null; true";
  }
}
