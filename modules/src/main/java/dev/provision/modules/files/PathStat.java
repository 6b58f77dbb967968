package dev.provision.modules.files;

/**
 * What {@code stat} says about a path. {@code mode} holds the permission bits (with setuid,
 * setgid, sticky); {@code linkTarget} is set for symbolic links only.
 */
public record PathStat(
    Type type, int mode, String owner, String group, long uid, long gid, long size, String linkTarget) {

  public enum Type {
    ABSENT("absent"),
    FILE("file"),
    DIRECTORY("directory"),
    LINK("link"),
    OTHER("special file");

    private final String word;

    Type(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  public static PathStat absent() {
    return new PathStat(Type.ABSENT, 0, null, null, -1, -1, 0, null);
  }

  public boolean exists() {
    return type != Type.ABSENT;
  }

  public boolean isFile() {
    return type == Type.FILE;
  }

  public boolean isDirectory() {
    return type == Type.DIRECTORY;
  }

  public boolean isLink() {
    return type == Type.LINK;
  }

  /** Four-digit octal, as written in playbooks: {@code 0644}. */
  public String octalMode() {
    return FileMode.octal(mode);
  }
}
