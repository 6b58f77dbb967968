package dev.provision.connection;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How one connection's commands with {@code become} switch user: not at all when the login is the
 * become user already; sudo without a password unless one is given and sudo asks for it (asked once
 * per way of becoming, with {@code sudo -n}: a password line sent to a sudo that does not ask would
 * reach the command); su with the target user's password from a login that is not root.
 */
final class BecomeModes {

  /** Runs {@code probe} in {@code mode} and gives its exit code. */
  interface Probe {
    int exitCode(Command probe, CommandScripts.Sudo mode) throws ConnectionException;
  }

  private final String host;
  private final String login;
  private final ConnectionSpec.SudoPassword connectionPassword;
  private final Map<String, CommandScripts.Sudo> sudo = new HashMap<>(); // by Become's text: no password in it

  BecomeModes(String host, String login, ConnectionSpec.SudoPassword connectionPassword) {
    this.host = host;
    this.login = login;
    this.connectionPassword = connectionPassword;
  }

  /** The login user. */
  String login() {
    return login;
  }

  synchronized CommandScripts.Sudo mode(Command command, Probe probe) throws ConnectionException {
    Become become = command.becomeAs();
    if (!command.become() || !become.switchesFrom(login)) {
      return CommandScripts.Sudo.NONE;
    }
    boolean root = "root".equals(login);
    boolean hasPassword = hasPassword(become);
    if (become.su()) {
      if (root) {
        return CommandScripts.Sudo.PASSWORDLESS; // root's su asks no password
      }
      if (!hasPassword) {
        throw new ConnectionException(ConnectionException.Kind.BECOME, host, "become failed on " + host
            + ": `become_method: su` needs the password of " + become.userOrRoot() + " and none was given (set"
            + " ansible_become_password, or use `become_method: sudo`)");
      }
      return CommandScripts.Sudo.WITH_PASSWORD;
    }
    CommandScripts.Sudo known = sudo.get(become.toString());
    if (known == null) {
      known = CommandScripts.Sudo.PASSWORDLESS;
      if (hasPassword && !root
          && probe.exitCode(Command.of("true").withBecome(true).withBecomeAs(become), known) != 0) {
        known = CommandScripts.Sudo.WITH_PASSWORD;
      }
      sudo.put(become.toString(), known);
    }
    return known;
  }

  /**
   * The command's stdin ({@link CommandScripts#stdin}) for {@code sudo}: with the password line first
   * when sudo reads one, the password's own characters wiped once it is in the bytes.
   */
  byte[] stdin(Command command, CommandScripts.Sudo sudo) {
    char[] password = sudo == CommandScripts.Sudo.WITH_PASSWORD ? password(command.becomeAs()) : null;
    try {
      return CommandScripts.stdin(command, sudo, password);
    } finally {
      if (password != null) {
        java.util.Arrays.fill(password, '\0');
      }
    }
  }

  /** The password to send first (the caller clears it): the become's own, else the connection's. */
  char[] password(Become become) {
    ConnectionSpec.SudoPassword source = become.password() != null ? become.password() : connectionPassword;
    return source == null ? null : source.get();
  }

  private boolean hasPassword(Become become) {
    char[] password = password(become);
    if (password == null) {
      return false;
    }
    Arrays.fill(password, '\0');
    return true;
  }
}
