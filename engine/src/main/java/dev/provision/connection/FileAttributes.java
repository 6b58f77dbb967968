package dev.provision.connection;

import java.util.regex.Pattern;

/**
 * Mode and ownership for a written file; null fields keep what the file had (or the defaults for a
 * new file: mode 0666 minus umask, the writing user). {@code mode} is octal ({@code 0644}) or
 * symbolic ({@code u=rw,go=r}).
 */
public record FileAttributes(String mode, String owner, String group) {

  private static final Pattern MODE = Pattern.compile("[0-7]{3,4}|[ugoa]*[-+=][rwxXst]*([,][ugoa]*[-+=][rwxXst]*)*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?");

  public static final FileAttributes KEEP = new FileAttributes(null, null, null);

  public FileAttributes {
    if (mode != null && !MODE.matcher(mode).matches()) {
      throw new IllegalArgumentException("invalid file mode `" + mode + "` (use octal like 0644, or u=rw,go=r)");
    }
    if (owner != null && !NAME.matcher(owner).matches()) {
      throw new IllegalArgumentException("invalid owner name `" + owner + "`");
    }
    if (group != null && !NAME.matcher(group).matches()) {
      throw new IllegalArgumentException("invalid group name `" + group + "`");
    }
  }

  public static FileAttributes mode(String mode) {
    return new FileAttributes(mode, null, null);
  }
}
