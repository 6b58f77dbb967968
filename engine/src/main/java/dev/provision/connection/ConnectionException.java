package dev.provision.connection;

/**
 * A host could not be reached or a command could not be run to completion. The kind decides how
 * the walker reports it: UNREACHABLE, AUTHENTICATION and HOST_KEY make the host "unreachable";
 * TIMEOUT and BROKEN fail the task (and retries may try again); BECOME (sudo refused: no password,
 * a wrong one, no sudo rights) fails the task with the reason in words, and the host stays reachable.
 */
public class ConnectionException extends Exception {

  public enum Kind {
    UNREACHABLE,
    AUTHENTICATION,
    HOST_KEY,
    TIMEOUT,
    BROKEN,
    BECOME,
    /** Another run holds the host's run lock, and it was not to be waited for. */
    LOCKED
  }

  private final Kind kind;
  private final String host;

  public ConnectionException(Kind kind, String host, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.host = host;
  }

  public ConnectionException(Kind kind, String host, String message) {
    this(kind, host, message, null);
  }

  public Kind kind() {
    return kind;
  }

  public String host() {
    return host;
  }

  public boolean hostUnreachable() {
    return kind == Kind.UNREACHABLE || kind == Kind.AUTHENTICATION || kind == Kind.HOST_KEY;
  }
}
