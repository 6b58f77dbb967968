package dev.provision.modules.files;

import dev.provision.module.ExecAction;

/**
 * The command that replaces a file atomically: the new bytes (on stdin) go to a temporary file
 * in the destination's own directory, get their mode and owner, and are renamed over the
 * destination. An interrupted write leaves the old file untouched and removes the temporary one.
 */
final class AtomicWrite {

  /** Mode of a new file when none is asked: 0666 less the host's umask, as a plain create would. */
  static final String UMASK_DEFAULT = "\"$(umask -S)\",a-x";

  private AtomicWrite() {}

  /**
   * @param chmod the chmod argument (already validated or computed)
   * @param chown the quoted chown argument, or null to leave the owner alone
   * @param chownBestEffort whether a failing chown is ignored (when only preserving the old owner)
   */
  static ExecAction of(RemotePath dest, byte[] content, String chmod, String chown, boolean chownBestEffort) {
    RemotePath template = dest.parent().child("." + dest.fileName() + ".XXXXXX");
    StringBuilder script = new StringBuilder()
        .append("tmp=$(mktemp ").append(template.shell()).append(") || exit 1; ")
        .append("trap 'rm -f -- \"$tmp\"' EXIT; ")
        .append("cat > \"$tmp\" && chmod ").append(chmod).append(" \"$tmp\"");
    if (chown != null) {
      script.append(chownBestEffort
          ? " && { chown " + chown + " \"$tmp\" 2>/dev/null || :; }"
          : " && chown " + chown + " \"$tmp\"");
    }
    script.append(" && mv -f -- \"$tmp\" ").append(dest.shell());
    return ExecAction.of(script.toString()).withStdin(content)
        .describedAs("write " + dest + " (" + content.length + " bytes) through a temporary file");
  }
}
