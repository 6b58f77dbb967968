package dev.provision.connection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * File operations on a host through plain shell commands (works the same over ssh and local).
 * Writes are atomic: the content goes to a temporary file in the same directory, gets its mode
 * and owner, then {@code mv -f} replaces the target, so no reader ever sees half a file. Every
 * path is quoted with {@link Shell#quote}; failures name the host and the path.
 */
public final class RemoteFiles {

  private final Connection connection;
  private final String host;

  public RemoteFiles(Connection connection, String host) {
    this.connection = connection;
    this.host = host;
  }

  /** Replaces (or creates) {@code path} with {@code content}; the directory must exist. */
  public void write(String path, byte[] content, FileAttributes attributes, boolean become)
      throws RemoteFileException, ConnectionException {
    requireAbsolute(path);
    String script = FileScripts.write(path, attributes == null ? FileAttributes.KEEP : attributes);
    CommandResult result = connection.run(Command.of(script).withStdin(content).withBecome(become));
    if (!result.succeeded()) {
      throw FileErrors.write(host, path, result);
    }
  }

  public void write(String path, String content, FileAttributes attributes, boolean become)
      throws RemoteFileException, ConnectionException {
    write(path, content.getBytes(StandardCharsets.UTF_8), attributes, become);
  }

  /** The file's bytes, or empty if it does not exist; refuses files larger than {@code maxBytes}. */
  public Optional<byte[]> read(String path, long maxBytes, boolean become)
      throws RemoteFileException, ConnectionException {
    requireAbsolute(path);
    CommandResult result = connection.run(Command.of(FileScripts.read(path, maxBytes)).withBecome(become));
    switch (result.exitCode()) {
      case 0:
        return Optional.of(Base64.getMimeDecoder().decode(result.stdout().strip()));
      case FileScripts.MISSING:
        return Optional.empty();
      case FileScripts.IS_DIRECTORY:
        throw new RemoteFileException(host, path, "cannot read " + path + " on " + host + ": it is a directory");
      case FileScripts.TOO_LARGE:
        throw new RemoteFileException(host, path, "cannot read " + path + " on " + host + ": it has "
            + result.stdout().strip() + " bytes, more than the limit of " + maxBytes);
      default:
        throw FileErrors.read(host, path, result);
    }
  }

  /** Metadata of {@code path} (a link itself, not what it points to), or empty if nothing is there. */
  public Optional<FileStat> stat(String path, boolean become) throws RemoteFileException, ConnectionException {
    requireAbsolute(path);
    CommandResult result = connection.run(Command.of(FileScripts.stat(path)).withBecome(become));
    if (result.exitCode() == FileScripts.MISSING) {
      return Optional.empty();
    }
    if (!result.succeeded()) {
      throw FileErrors.read(host, path, result);
    }
    return Optional.of(FileScripts.parseStat(result.stdout()));
  }

  /** Hex SHA-256 of the file's content, or empty if it does not exist. */
  public Optional<String> sha256(String path, boolean become) throws RemoteFileException, ConnectionException {
    requireAbsolute(path);
    CommandResult result = connection.run(Command.of(FileScripts.sha256(path)).withBecome(become));
    if (result.exitCode() == FileScripts.MISSING) {
      return Optional.empty();
    }
    if (!result.succeeded()) {
      throw FileErrors.read(host, path, result);
    }
    return Optional.of(result.stdout().strip().split("\\s+")[0]);
  }

  private void requireAbsolute(String path) throws RemoteFileException {
    if (path == null || !path.startsWith("/") || path.indexOf('\0') >= 0) {
      throw new RemoteFileException(host, path, "path `" + path + "` on " + host + " must be absolute");
    }
  }
}
