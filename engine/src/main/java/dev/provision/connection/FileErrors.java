package dev.provision.connection;

/** Turns a failed file command into a message that names the host, the path and the likely fix. */
final class FileErrors {

  private FileErrors() {}

  static RemoteFileException write(String host, String path, CommandResult result) {
    String why = result.failureText();
    String step = switch (result.exitCode()) {
      case FileScripts.NO_DIRECTORY -> "its directory does not exist";
      case FileScripts.IS_DIRECTORY -> "it is a directory";
      case FileScripts.NO_TEMP_FILE -> "cannot create a temporary file beside it";
      case FileScripts.WRITE_FAILED -> "writing the content failed";
      case FileScripts.CHMOD_FAILED -> "setting its mode failed";
      case FileScripts.CHOWN_FAILED -> "setting its owner failed";
      case FileScripts.RENAME_FAILED -> "moving the new content into place failed";
      default -> "the write command exited " + result.exitCode();
    };
    return new RemoteFileException(host, path, "cannot write " + path + " on " + host + ": " + cause(why, step)
        + (why.isEmpty() ? "" : " (" + firstLine(why) + ")") + hint(why));
  }

  static RemoteFileException read(String host, String path, CommandResult result) {
    String why = result.failureText();
    return new RemoteFileException(host, path, "cannot read " + path + " on " + host + ": "
        + cause(why, "the command exited " + result.exitCode()) + (why.isEmpty() ? "" : " (" + firstLine(why) + ")") + hint(why));
  }

  private static String cause(String why, String fallback) {
    if (why.contains("Permission denied") || why.contains("Operation not permitted")) {
      return "permission denied";
    }
    if (why.contains("No space left on device")) {
      return "disk full (no space left on device)";
    }
    if (why.contains("Disk quota exceeded")) {
      return "disk quota exceeded";
    }
    if (why.contains("Read-only file system")) {
      return "read-only file system";
    }
    return fallback;
  }

  private static String hint(String why) {
    if (why.contains("Permission denied") || why.contains("Operation not permitted")) {
      return "; use become: true, or give the login user access";
    }
    if (why.contains("No space left on device")) {
      return "; free some space on that file system (the old file was left unchanged)";
    }
    return "";
  }

  private static String firstLine(String text) {
    String line = text.strip().split("\n", 2)[0];
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
