package dev.provision.modules.download;

import dev.provision.connection.Shell;
import dev.provision.modules.files.FileMode;
import dev.provision.modules.files.Ownership;

/**
 * The shell script that installs the new content atomically: it lands in a temporary file in the
 * destination's own directory, its SHA-256 is checked against the expected one (so a truncated
 * upload or a changed download is never installed), it gets its mode and owner, and only then
 * {@code mv} replaces the destination. On any failure, or a signal, the temporary file is removed
 * and the old file is left as it was. The path is assigned once, quoted, and used only as
 * {@code "$p"}.
 */
final class InstallScript {

  static final int NO_DIRECTORY = 70;
  static final int NO_TEMP_FILE = 71;
  static final int FETCH_FAILED = 72;
  static final int CHMOD_FAILED = 73;
  static final int CHOWN_FAILED = 74;
  static final int RENAME_FAILED = 75;
  static final int IS_DIRECTORY = 76;
  static final int CHECKSUM_MISMATCH = 79;

  /** Printed on stderr when the host's download fails, with curl's or wget's own exit code. */
  static final String FETCH_EXIT = "provision_fetch_exit=";

  private InstallScript() {}

  /** Content arrives on stdin (download: control). */
  static String fromStdin(String path, Sha256 expected, FileMode mode, Ownership owners) {
    return build(null, "cat > \"$t\" || { echo \"writing the temporary file failed\" >&2; exit " + FETCH_FAILED
        + "; }", path, expected, mode, owners);
  }

  /** The host downloads the content itself (download: host); {@code function} is {@link HostFetch}'s. */
  static String fromHost(String function, String path, Sha256 expected, FileMode mode, Ownership owners) {
    return build(function, "provision_fetch > \"$t\"; rc=$?; [ \"$rc\" = 0 ] || { echo \"" + FETCH_EXIT
        + "$rc\" >&2; exit " + FETCH_FAILED + "; }", path, expected, mode, owners);
  }

  private static String build(String function, String fill, String path, Sha256 expected, FileMode mode,
      Ownership owners) {
    int slash = path.lastIndexOf('/');
    String dir = slash <= 0 ? "/" : path.substring(0, slash);
    StringBuilder s = new StringBuilder("LC_ALL=C; export LC_ALL\n");
    if (function != null) {
      s.append(function).append('\n');
    }
    s.append("p=").append(Shell.quote(path)).append('\n');
    s.append("d=").append(Shell.quote(dir)).append('\n');
    s.append("[ -d \"$d\" ] || { echo \"directory $d does not exist\" >&2; exit ").append(NO_DIRECTORY).append("; }\n");
    s.append("if [ -d \"$p\" ] && [ ! -L \"$p\" ]; then echo \"$p is a directory\" >&2; exit ")
        .append(IS_DIRECTORY).append("; fi\n");
    s.append("t=$(mktemp \"$d/.provision-get_url.XXXXXXXX\") || exit ").append(NO_TEMP_FILE).append('\n');
    s.append("trap 'rm -f -- \"$t\"' EXIT\n");
    s.append("trap 'rm -f -- \"$t\"; exit 129' HUP INT TERM\n");
    s.append(fill).append('\n');
    s.append("s=$(sha256sum < \"$t\") || exit ").append(FETCH_FAILED).append("\n");
    s.append("s=${s%% *}\n");
    s.append("[ \"$s\" = ").append(expected.hex()).append(" ] || { echo \"checksum mismatch: expected sha256 ")
        .append(expected.hex()).append(", got $s\" >&2; exit ").append(CHECKSUM_MISMATCH).append("; }\n");
    if (mode == null || !mode.isOctal()) {
      // mktemp makes 0600: keep the old file's mode, or give a new file 0666 less the umask.
      s.append("if [ -f \"$p\" ]; then chmod --reference=\"$p\" -- \"$t\"; else chmod -- \"$(printf '%o' "
          + "$((0666 & ~0$(umask))))\" \"$t\"; fi || exit ").append(CHMOD_FAILED).append('\n');
    }
    if (mode != null) {
      s.append("chmod -- ").append(Shell.quote(mode.toString())).append(" \"$t\" || exit ")
          .append(CHMOD_FAILED).append('\n');
    }
    if (!owners.isEmpty()) {
      s.append("chown -- ").append(owners.chownArgument()).append(" \"$t\" || exit ").append(CHOWN_FAILED)
          .append('\n');
    } else {
      s.append("if [ -f \"$p\" ] && [ \"$(id -u)\" = 0 ]; then chown --reference=\"$p\" -- \"$t\"; fi\n");
    }
    s.append("mv -f -- \"$t\" \"$p\" || exit ").append(RENAME_FAILED).append('\n');
    s.append("trap - EXIT HUP INT TERM\n");
    return s.toString();
  }
}
