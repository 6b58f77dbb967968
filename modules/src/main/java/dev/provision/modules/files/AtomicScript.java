package dev.provision.modules.files;

import dev.provision.connection.CommandResult;
import dev.provision.connection.Shell;

/**
 * The one script that replaces a file on a host atomically, for {@code copy} and {@code get_url}:
 * the new content lands in a temporary file in the destination's own directory, may be checked
 * (its byte count, its SHA-256), gets its mode and owner, and only then {@code mv} renames it over
 * the destination. A symbolic link at the destination is replaced, never followed. On any failure,
 * or a signal (Ctrl-C, a task timeout, a lost connection, its stderr gone), the temporary file is removed and the
 * old file is left as it was, so no reader ever sees half a file. The path is assigned once,
 * quoted, and then used only as {@code "$p"}; each step exits with its own code, which
 * {@link #reason} turns into words.
 */
public final class AtomicScript {

  public static final int NO_DIRECTORY = 70;
  public static final int NO_TEMP_FILE = 71;
  /** The fill step failed: the content could not be written or fetched, or arrived short. */
  public static final int FILL_FAILED = 72;
  public static final int CHMOD_FAILED = 73;
  public static final int CHOWN_FAILED = 74;
  public static final int RENAME_FAILED = 75;
  public static final int IS_DIRECTORY = 76;
  public static final int VALIDATE_FAILED = 77;
  public static final int BACKUP_FAILED = 78;
  public static final int CHECKSUM_MISMATCH = 79;

  /**
   * Removes the temporary files of earlier runs whose shell is gone (killed with SIGKILL, the host
   * rebooted: no trap ran). Each temporary file is named {@code .provision-tmp.PID.XXXXXXXX} after
   * the shell that writes it; one whose PID is no longer alive is an orphan of ours. Files of a
   * shell still alive, of another user, of another name, or on a system without {@code /proc} are left alone.
   */
  static final String REMOVE_ORPHANS = "if [ -d /proc/self ]; then for o in \"$d\"/.provision-tmp.*.*; do "
      + "[ -f \"$o\" ] && [ ! -L \"$o\" ] && [ -O \"$o\" ] || continue; q=${o##*/.provision-tmp.}; q=${q%%.*}; "
      + "case $q in ''|*[!0-9]*) continue;; esac; [ -d \"/proc/$q\" ] || rm -f -- \"$o\"; done 2>/dev/null; fi\n";

  /** The temporary file, as the fill step writes it. */
  public static final String TEMP = "\"$t\"";

  private final RemotePath dest;
  private final String definitions;
  private final String fill;
  private final String sha256;
  private final FileMode mode;
  private final Ownership owners;
  private final String validate;
  private final boolean backup;
  private final boolean makeDirectory;

  private AtomicScript(RemotePath dest, String definitions, String fill, String sha256, FileMode mode,
      Ownership owners, String validate, boolean backup, boolean makeDirectory) {
    this.dest = dest;
    this.definitions = definitions;
    this.fill = fill;
    this.sha256 = sha256;
    this.mode = mode;
    this.owners = owners;
    this.validate = validate;
    this.backup = backup;
    this.makeDirectory = makeDirectory;
  }

  private AtomicScript(RemotePath dest, String definitions, String fill) {
    this(dest, definitions, fill, null, null, new Ownership(null, null), null, false, false);
  }

  /** Content arrives on the command's stdin; fewer than {@code bytes} (a transfer cut short) is never installed. */
  public static AtomicScript fromStdin(RemotePath dest, long bytes) {
    return new AtomicScript(dest, null, "cat > " + TEMP + " || exit " + FILL_FAILED + "\n"
        + "n=$(wc -c < " + TEMP + ")\n"
        + "[ \"$n\" -eq " + bytes + " ] || { echo \"incomplete transfer: $n of " + bytes + " bytes\" >&2; exit "
        + FILL_FAILED + "; }");
  }

  /**
   * Content made on the host: {@code fill} writes it to {@link #TEMP} and exits {@link #FILL_FAILED}
   * when it cannot; {@code definitions} (shell functions it calls) come first.
   */
  public static AtomicScript filledBy(RemotePath dest, String definitions, String fill) {
    return new AtomicScript(dest, definitions, fill);
  }

  /** Installs the content only if its SHA-256 is {@code hex}. */
  public AtomicScript verifiedSha256(String hex) {
    return new AtomicScript(dest, definitions, fill, hex, mode, owners, validate, backup, makeDirectory);
  }

  /**
   * The new file's mode and owner. What is not given is kept from the file being replaced (unless
   * that is a link), or for a new file is what a plain create makes: 0666 less the umask, the
   * writing user.
   */
  public AtomicScript attributes(FileMode newMode, Ownership newOwners) {
    return new AtomicScript(dest, definitions, fill, sha256, newMode, newOwners, validate, backup, makeDirectory);
  }

  /**
   * Installs the content only if {@code command} (Ansible's {@code validate}, with {@code %s} for the
   * new file) exits 0. Its words are split as Ansible splits them (no shell), each quoted, so the
   * command runs as written and nothing in it is shell syntax; null: no check.
   */
  public AtomicScript validatedBy(String command) {
    return new AtomicScript(dest, definitions, fill, sha256, mode, owners, command, backup, makeDirectory);
  }

  /** Keeps the file being replaced as {@code DEST.PID.YYYY-MM-DD@HH:MM:SS~} (Ansible's name), printed on stdout. */
  public AtomicScript backedUp() {
    return new AtomicScript(dest, definitions, fill, sha256, mode, owners, validate, true, makeDirectory);
  }

  /** Creates the destination's missing directories first ({@code lineinfile}'s {@code create}). */
  public AtomicScript creatingDirectory() {
    return new AtomicScript(dest, definitions, fill, sha256, mode, owners, validate, backup, true);
  }

  /** The prefix of the stdout line that names the backup copy. */
  public static final String BACKUP_LINE = "backup_file ";

  /** A validate command as shell words, {@code %s} replaced by the temporary file. */
  static String validateWords(String command) {
    StringBuilder out = new StringBuilder();
    for (String word : dev.provision.connection.Shlex.split(command)) {
      if (out.length() > 0) {
        out.append(' ');
      }
      String[] parts = word.split("%s", -1);
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          out.append(TEMP);
        }
        if (!parts[i].isEmpty()) {
          out.append(Shell.quote(parts[i]));
        }
      }
    }
    return out.toString();
  }

  public RemotePath dest() {
    return dest;
  }

  public String script() {
    StringBuilder s = new StringBuilder("LC_ALL=C; export LC_ALL\n");
    if (definitions != null) {
      s.append(definitions).append('\n');
    }
    s.append("p=").append(dest.shell()).append('\n');
    s.append("d=$(dirname -- \"$p\")\n");
    if (makeDirectory) {
      s.append("[ -d \"$d\" ] || mkdir -p -- \"$d\" || exit ").append(NO_DIRECTORY).append('\n');
    }
    s.append("[ -d \"$d\" ] || { echo \"directory $d does not exist\" >&2; exit ").append(NO_DIRECTORY).append("; }\n");
    s.append("if [ -d \"$p\" ] && [ ! -L \"$p\" ]; then echo \"$p is a directory\" >&2; exit ")
        .append(IS_DIRECTORY).append("; fi\n");
    s.append(REMOVE_ORPHANS);
    s.append("t=$(mktemp \"$d/.provision-tmp.$$.XXXXXXXX\") || exit ").append(NO_TEMP_FILE).append('\n');
    s.append("trap 'rm -f -- \"$t\"' EXIT\n");
    // PIPE too: a connection closed mid-transfer closes stderr as well, and saying so must not kill
    // the shell before it removes the temporary file
    s.append("trap 'rm -f -- \"$t\"; exit 129' HUP INT TERM PIPE\n");
    s.append(fill).append('\n');
    if (sha256 != null) {
      s.append("s=$(sha256sum < \"$t\") || exit ").append(FILL_FAILED).append("\n");
      s.append("s=${s%% *}\n");
      s.append("[ \"$s\" = ").append(sha256).append(" ] || { echo \"checksum mismatch: expected sha256 ")
          .append(sha256).append(", got $s\" >&2; exit ").append(CHECKSUM_MISMATCH).append("; }\n");
    }
    // mktemp makes 0600 and the writing user's file: start from the replaced file's mode and owner
    String replacingAFile = "[ -f \"$p\" ] && [ ! -L \"$p\" ]";
    if (mode == null || !mode.isOctal()) {
      s.append("if ").append(replacingAFile).append("; then chmod --reference=\"$p\" -- \"$t\"; else chmod -- \"$(printf '%o' "
          + "$((0666 & ~0$(umask))))\" \"$t\"; fi || exit ").append(CHMOD_FAILED).append('\n');
    }
    if (mode != null) {
      s.append("chmod -- ").append(Shell.quote(mode.toString())).append(" \"$t\" || exit ")
          .append(CHMOD_FAILED).append('\n');
    }
    if (owners.owner() == null || owners.group() == null) {
      // best effort: only root (or a member of the old group) may give the new file the old owner
      s.append("if ").append(replacingAFile).append("; then chown --reference=\"$p\" -- \"$t\" 2>/dev/null || :; fi\n");
    }
    if (!owners.isEmpty()) {
      s.append("chown -- ").append(owners.chownArgument()).append(" \"$t\" || exit ").append(CHOWN_FAILED)
          .append('\n');
    }
    if (validate != null) {
      // the checker's words on stderr, where the failure reason is read; stdout stays for the backup line
      s.append(validateWords(validate)).append(" >&2 || exit ").append(VALIDATE_FAILED).append('\n');
    }
    if (backup) {
      s.append("if [ -f \"$p\" ] && [ ! -L \"$p\" ]; then b=\"$p.$$.$(date +%Y-%m-%d@%H:%M:%S)~\"; "
          + "cp -p -- \"$p\" \"$b\" || exit ").append(BACKUP_FAILED).append("; echo \"").append(BACKUP_LINE)
          .append("$b\"; fi\n");
    }
    s.append("mv -f -- \"$t\" \"$p\" || exit ").append(RENAME_FAILED).append('\n');
    s.append("trap - EXIT HUP INT TERM PIPE\n");
    return s.toString();
  }

  /** Why the script failed, in words that name the step, the cause and, where there is one, the fix. */
  public String reason(CommandResult result) {
    String said = result.failureText();
    String dir = dest.parent().toString();
    return switch (result.exitCode()) {
      case NO_DIRECTORY -> "its directory " + dir + " does not exist";
      case IS_DIRECTORY -> "it is a directory";
      case NO_TEMP_FILE -> "cannot create a temporary file in " + dir + " (" + cause(said) + ")";
      case FILL_FAILED -> "writing the new content failed (" + cause(said) + "); the old file was left in place";
      case CHECKSUM_MISMATCH -> "the new content does not have the expected checksum (" + cause(said)
          + "); the old file was left in place";
      case VALIDATE_FAILED -> "the new content failed validation (`" + validate + "`: " + cause(said)
          + "); the old file was left in place";
      case BACKUP_FAILED -> "keeping a backup of the old file failed (" + cause(said) + "); nothing was changed";
      case CHMOD_FAILED -> "setting its mode failed (" + cause(said) + ")";
      case CHOWN_FAILED -> "setting its owner failed (" + cause(said) + ")";
      case RENAME_FAILED -> "moving the new file into place failed (" + cause(said) + ")";
      default -> "the command exited " + result.exitCode() + " (" + cause(said) + ")";
    };
  }

  /** The shell's reason in a few words, with the fix for the two common ones. */
  public static String cause(String said) {
    if (said.contains("Permission denied") || said.contains("Operation not permitted")) {
      return "permission denied; use become: true or give the login user access";
    }
    if (said.contains("No space left on device")) {
      return "disk full (no space left on device)";
    }
    String line = said.strip().lines().findFirst().orElse("");
    return line.isEmpty() ? "no message" : line;
  }
}
