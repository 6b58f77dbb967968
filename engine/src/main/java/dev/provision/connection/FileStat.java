package dev.provision.connection;

/**
 * What {@code stat} says about a path on a host. {@code type} is {@code file}, {@code directory},
 * {@code link} or {@code other}; {@code mode} is four octal digits ({@code 0644}); for a link the
 * rest describes the link itself and {@code linkTarget} is where it points.
 */
public record FileStat(String type, String mode, String owner, String group, long size, String linkTarget) {

  public boolean isFile() {
    return "file".equals(type);
  }

  public boolean isDirectory() {
    return "directory".equals(type);
  }

  public boolean isLink() {
    return "link".equals(type);
  }
}
