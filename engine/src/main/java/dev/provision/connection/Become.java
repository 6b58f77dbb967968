package dev.provision.connection;

/**
 * Whom a command with {@code become} runs as, and how: Ansible's {@code become_user} (root when
 * null), {@code become_method} ({@code sudo} or {@code su}), {@code become_flags} (shell words put
 * after the program, as written) and {@code become_exe} (the program, else the method's name).
 * {@code password} ({@code ansible_become_password}) goes on stdin only, never on a command line; null
 * means the connection's own ({@link ConnectionSpec#sudoPassword()}), if any.
 */
public record Become(String user, String method, String flags, String exe, ConnectionSpec.SudoPassword password) {

  /** Ansible's default: sudo to root. */
  public static final Become ROOT = new Become(null, null, null, null, null);

  /** The methods Provision runs. */
  public static final java.util.Set<String> METHODS = java.util.Set.of("sudo", "su");

  public Become {
    user = blankToNull(user);
    method = blankToNull(method) == null ? "sudo" : method.strip();
    flags = blankToNull(flags);
    exe = blankToNull(exe);
  }

  /** The user commands run as. */
  public String userOrRoot() {
    return user == null ? "root" : user;
  }

  /** The program run: {@code become_exe}, else the method's. */
  String program() {
    return exe != null ? exe : method;
  }

  boolean su() {
    return "su".equals(method);
  }

  /** True when a login as {@code login} must switch user to run as {@link #userOrRoot()}. */
  boolean switchesFrom(String login) {
    return !userOrRoot().equals(login);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Never the password. */
  @Override
  public String toString() {
    return "Become[" + method + " to " + userOrRoot() + (flags == null ? "" : " " + flags)
        + (password == null ? "" : ", with a password") + "]";
  }
}
