package dev.provision.connection;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link Command} into the shell text both connections run. Anyone on a host can read every
 * process's argv ({@code ps}), and the login shell's argv holds what an SSH exec request asked for,
 * so the script itself (with the environment's exports and the {@code cd}) travels on stdin: the
 * command line is only a short launcher that reads exactly that many bytes and evaluates them. Become
 * is {@code sudo} around the launcher, so the environment and the cd apply as the become user too;
 * sudo's password (if any) is the first line of stdin, never in argv.
 */
final class CommandScripts {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * The last line of every script sent: a launcher that does not see it got a script cut short
   * (a closed connection) and runs nothing of it, rather than a prefix.
   */
  static final String END = "# provision: end of script";

  /** The launcher's exit code for a script that arrived incomplete. */
  static final int INCOMPLETE = 125;

  private CommandScripts() {}

  /** How become is done for one command. */
  enum Sudo {
    NONE,
    PASSWORDLESS,
    WITH_PASSWORD
  }

  /**
   * The launcher, as the target user runs it: reads the script ({@link #script}) from the first
   * bytes of stdin and evaluates it; {@code head -c} reads exactly that many bytes and leaves the
   * rest for the script. Its exit code is the script's.
   */
  static String inner(Command command) {
    int length = script(command).length;
    return "provision_script=$(head -c " + length + ") && case $provision_script in *" + Shell.quote(END)
        + ") eval \"$provision_script\" ;; *) echo "
        + Shell.quote("provision: the script arrived incomplete (" + length + " bytes expected)")
        + " >&2; exit " + INCOMPLETE + " ;; esac";
  }

  /** {@code /bin/sh -c '...'}, behind sudo to root when needed. */
  static String shellCommand(Command command, Sudo sudo) {
    return shellCommand(command, sudo, Become.ROOT);
  }

  /**
   * {@code /bin/sh -c '...'}, behind {@code become}'s program when needed: {@code sudo [flags] -n
   * [-u USER] -- sh}, or with a password {@code sudo [flags] -k -S -p '' ...} (-k: ignore cached
   * credentials so sudo always reads the password line we send first); {@code su [flags] USER -c
   * 'sh ...'}, whose password (from a login that is not root) is the first line of stdin too.
   */
  static String shellCommand(Command command, Sudo sudo, Become become) {
    String sh = "/bin/sh -c " + Shell.quote(inner(command));
    if (sudo == Sudo.NONE) {
      return sh;
    }
    String program = become.program() + (become.flags() == null ? "" : " " + become.flags());
    if (become.su()) {
      return program + " " + Shell.quote(become.userOrRoot()) + " -c " + Shell.quote(sh);
    }
    String as = become.user() == null || become.user().equals("root") ? "" : "-u " + Shell.quote(become.user()) + " ";
    return switch (sudo) {
      case PASSWORDLESS -> program + " -n " + as + "-- " + sh;
      default -> program + " -k -S -p '' " + as + "-- " + sh;
    };
  }

  /** The script as the launcher evaluates it: the environment's exports, cd, the command's own text, {@link #END}. */
  static byte[] script(Command command) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(command.env()).entrySet()) {
      if (!ENV_NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("invalid environment variable name `" + e.getKey() + "`");
      }
      out.append("export ").append(e.getKey()).append('=').append(Shell.quote(e.getValue())).append('\n');
    }
    if (command.chdir() != null) {
      out.append("cd -- ").append(Shell.quote(command.chdir())).append(" || exit 1\n");
    }
    return out.append(command.script()).append('\n').append(END).toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The bytes to send as stdin: the sudo password line first when sudo reads one, then the
   * script (see {@link #inner}), then the command's own input.
   */
  static byte[] stdin(Command command, Sudo sudo, char[] password) {
    byte[] script = script(command);
    byte[] own = command.stdin() == null ? new byte[0] : command.stdin();
    byte[] input = new byte[script.length + own.length];
    System.arraycopy(script, 0, input, 0, script.length);
    System.arraycopy(own, 0, input, script.length, own.length);
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
