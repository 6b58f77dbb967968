package dev.provision.connection;

/**
 * Says in words why sudo itself refused to run a command, instead of passing its exit code 1 and
 * terse stderr ("Sorry, try again.") on as if the command had failed. sudo writes these lines
 * before it runs anything: they are looked for at the start of stderr's lines, and only when the
 * command printed nothing on stdout (the login may write its own notes before them, such as
 * "Could not chdir to home directory").
 */
final class SudoFailures {

  private static final String PASSWORD_SOURCES = "--sudo-password-file FILE or PROVISION_SUDO_PASSWORD";

  private SudoFailures() {}

  /** {@code result} unchanged, unless sudo refused: then the reason, as a BECOME failure. */
  static CommandResult check(CommandResult result, CommandScripts.Sudo sudo, String host, String user)
      throws ConnectionException {
    return check(result, sudo, Become.ROOT, host, user);
  }

  /** The same for any way of becoming; su's own "Password: " prompt is taken off stderr. */
  static CommandResult check(CommandResult result, CommandScripts.Sudo sudo, Become become, String host, String user)
      throws ConnectionException {
    if (become.su() && sudo == CommandScripts.Sudo.WITH_PASSWORD && result.stderr() != null) {
      // su's prompt, at the start of a line: the login may have written its own notes before it
      String err = result.stderr();
      int at = err.startsWith(SU_PROMPT) ? 0 : err.indexOf("\n" + SU_PROMPT) + 1;
      if (at > 0 || err.startsWith(SU_PROMPT)) {
        result = new CommandResult(result.exitCode(), result.stdout(), err.substring(0, at)
            + err.substring(at + SU_PROMPT.length()), result.elapsed(), result.stdoutDropped(), result.stderrDropped());
      }
    }
    if (sudo == CommandScripts.Sudo.NONE || result.exitCode() != 1) {
      return result;
    }
    if (result.stdout() != null && !result.stdout().isBlank()) {
      return result;
    }
    String why = null;
    String stderr = result.stderr() == null ? "" : result.stderr();
    String[] lines = stderr.split("\r?\n");
    for (int i = 0; i < lines.length && why == null; i++) {
      why = reason(String.join("\n", java.util.Arrays.asList(lines).subList(i, lines.length)).strip(), sudo, user);
    }
    if (why == null) {
      return result;
    }
    throw new ConnectionException(ConnectionException.Kind.BECOME, host, "become failed on " + host + ": " + why);
  }

  private static final String SU_PROMPT = "Password: ";

  private static String reason(String stderr, CommandScripts.Sudo sudo, String user) {
    String who = user == null ? "the login user" : "user " + user;
    if (stderr.startsWith("su: Authentication failure")) {
      return "su refused the password (check ansible_become_password: su takes the password of the become user)";
    }
    if (stderr.startsWith("sudo: a password is required")) {
      return "sudo needs a password and none was given (give it with " + PASSWORD_SOURCES
          + ", or allow " + who + " NOPASSWD in sudoers)";
    }
    if (sudo == CommandScripts.Sudo.WITH_PASSWORD && (stderr.startsWith("Sorry, try again.")
        || stderr.matches("(?s)sudo: \\d+ incorrect password attempts?.*") || stderr.startsWith("sudo: no password was provided"))) {
      return "the sudo password was refused for " + who + " (check the password given with " + PASSWORD_SOURCES + ")";
    }
    if (stderr.matches("(?s)(sudo: )?\\S+ is not in the sudoers file.*")) {
      return who + " may not use sudo (not in the sudoers file); use a user that may, or allow it in sudoers";
    }
    if (stderr.matches("(?s)Sorry, user \\S+ is not allowed to execute .*")) {
      return who + " may not run commands as root through sudo (sudoers allows only some commands)";
    }
    return null;
  }
}
