package dev.provision.connection;

/** A file operation on a host failed for a reason the host gave (permissions, disk full, no such directory). */
public class RemoteFileException extends Exception {

  private final String host;
  private final String path;

  public RemoteFileException(String host, String path, String message) {
    super(message);
    this.host = host;
    this.path = path;
  }

  public String host() {
    return host;
  }

  public String path() {
    return path;
  }
}
