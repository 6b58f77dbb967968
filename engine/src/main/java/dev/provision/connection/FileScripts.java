package dev.provision.connection;

/**
 * The shell scripts behind {@link RemoteFiles}. The path is assigned once, quoted, to {@code p};
 * after that it is only ever used as {@code "$p"}, so no path can inject a command. Messages are
 * forced to English (LC_ALL=C) because {@link FileErrors} reads them.
 */
final class FileScripts {

  static final int NO_DIRECTORY = 70;
  static final int NO_TEMP_FILE = 71;
  static final int WRITE_FAILED = 72;
  static final int CHMOD_FAILED = 73;
  static final int CHOWN_FAILED = 74;
  static final int RENAME_FAILED = 75;
  static final int IS_DIRECTORY = 76;
  static final int MISSING = 77;
  static final int TOO_LARGE = 78;

  private FileScripts() {}

  private static String prologue(String path) {
    return "LC_ALL=C; export LC_ALL\np=" + Shell.quote(path) + "\n";
  }

  static String write(String path, FileAttributes attributes) {
    StringBuilder s = new StringBuilder(prologue(path));
    s.append("d=$(dirname -- \"$p\")\n");
    s.append("[ -d \"$d\" ] || { echo \"directory $d does not exist\" >&2; exit " + NO_DIRECTORY + "; }\n");
    s.append("[ -d \"$p\" ] && [ ! -L \"$p\" ] && { echo \"$p is a directory\" >&2; exit " + IS_DIRECTORY + "; }\n");
    s.append("t=$(mktemp \"$d/.provision-tmp.XXXXXXXX\") || exit " + NO_TEMP_FILE + "\n");
    s.append("trap 'rm -f -- \"$t\"' EXIT\n");
    s.append("cat > \"$t\" || exit " + WRITE_FAILED + "\n");
    if (attributes.mode() != null) {
      s.append("chmod -- " + Shell.quote(attributes.mode()) + " \"$t\" || exit " + CHMOD_FAILED + "\n");
    } else {
      // mktemp makes 0600; keep the old file's mode, or give a new file the usual 0666 - umask.
      s.append("if [ -f \"$p\" ]; then chmod --reference=\"$p\" -- \"$t\"; "
          + "else chmod -- \"$(printf '%o' $((0666 & ~0$(umask))))\" \"$t\"; fi || exit " + CHMOD_FAILED + "\n");
    }
    if (attributes.owner() != null || attributes.group() != null) {
      String owner = (attributes.owner() == null ? "" : attributes.owner())
          + (attributes.group() == null ? "" : ":" + attributes.group());
      s.append("chown -- " + Shell.quote(owner) + " \"$t\" || exit " + CHOWN_FAILED + "\n");
    } else {
      s.append("[ -f \"$p\" ] && [ \"$(id -u)\" = 0 ] && chown --reference=\"$p\" -- \"$t\"\n");
    }
    s.append("mv -f -- \"$t\" \"$p\" || exit " + RENAME_FAILED + "\n");
    s.append("trap - EXIT\n");
    return s.toString();
  }

  static String read(String path, long maxBytes) {
    return prologue(path)
        + "[ -e \"$p\" ] || exit " + MISSING + "\n"
        + "[ -d \"$p\" ] && exit " + IS_DIRECTORY + "\n"
        + "n=$(wc -c < \"$p\") || exit 1\n"
        + "[ \"$n\" -le " + maxBytes + " ] || { echo \"$n\"; exit " + TOO_LARGE + "; }\n"
        + "base64 < \"$p\"\n";
  }

  static String stat(String path) {
    return prologue(path)
        + "[ -e \"$p\" ] || [ -L \"$p\" ] || exit " + MISSING + "\n"
        + "stat -c '%F|%a|%U|%G|%s' -- \"$p\" || exit 1\n"
        + "[ -L \"$p\" ] && readlink -- \"$p\"\n"
        + "exit 0\n";
  }

  static String sha256(String path) {
    return prologue(path) + "[ -e \"$p\" ] || exit " + MISSING + "\nsha256sum < \"$p\"\n";
  }

  static FileStat parseStat(String output) {
    String[] lines = output.split("\n", 2);
    String[] f = lines[0].strip().split("\\|");
    String type = switch (f[0]) {
      case "regular file", "regular empty file" -> "file";
      case "directory" -> "directory";
      case "symbolic link" -> "link";
      default -> "other";
    };
    String mode = "0000".substring(Math.min(4, f[1].length())) + f[1];
    String target = type.equals("link") && lines.length > 1 ? lines[1].strip() : null;
    return new FileStat(type, mode, f[2], f[3], Long.parseLong(f[4]), target);
  }
}
