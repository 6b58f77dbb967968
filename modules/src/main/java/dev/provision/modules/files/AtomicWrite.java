package dev.provision.modules.files;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command that replaces a file atomically: the new bytes (on stdin) go to a temporary file
 * in the destination's own directory, get their mode and owner, and are renamed over the
 * destination. An interrupted write (signal, lost connection, short data) leaves the old file
 * untouched and removes the temporary one.
 */
record AtomicWrite(RemotePath dest, String script, byte[] content) implements Action {

  /** Mode of a new file when none is asked: 0666 less the host's umask, as a plain create would. */
  static final String UMASK_DEFAULT = "\"$(umask -S)\",a-x";

  /**
   * @param chmod the chmod argument (already validated or computed)
   * @param chown the quoted chown argument, or null to leave the owner alone
   * @param chownBestEffort whether a failing chown is ignored (when only preserving the old owner)
   */
  static AtomicWrite of(RemotePath dest, byte[] content, String chmod, String chown, boolean chownBestEffort) {
    RemotePath template = dest.parent().child("." + dest.fileName() + ".XXXXXX");
    StringBuilder script = new StringBuilder()
        .append("tmp=$(mktemp ").append(template.shell()).append(") || exit 1; ")
        .append("trap 'rm -f -- \"$tmp\"' EXIT; trap 'exit 129' HUP INT TERM; ")
        // a connection lost mid-transfer ends stdin early: never rename a short file into place
        .append("cat > \"$tmp\" && { [ \"$(wc -c < \"$tmp\")\" -eq ").append(content.length)
        .append(" ] || { echo 'incomplete transfer' >&2; false; }; } && chmod ").append(chmod).append(" \"$tmp\"");
    if (chown != null) {
      script.append(chownBestEffort
          ? " && { chown " + chown + " \"$tmp\" 2>/dev/null || :; }"
          : " && chown " + chown + " \"$tmp\"");
    }
    script.append(" && mv -f -- \"$tmp\" ").append(dest.shell());
    return new AtomicWrite(dest, script.toString(), content);
  }

  @Override
  public String describe() {
    return "write " + dest + " (" + content.length + " bytes) through a temporary file";
  }

  /** Fails with the host, the path and the shell's reason (permission denied, no space left...). */
  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
    Command command = Command.of(script).withStdin(content).withBecome(host.become()).withTimeout(host.timeout());
    CommandResult result = host.connection().run(command);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("rc", (long) result.exitCode());
    if (!result.succeeded()) {
      data.put("stderr", result.stderr());
      throw new ModuleException("cannot write " + dest + " on " + host.host() + ": " + result.failureText(), data);
    }
    return data;
  }
}
