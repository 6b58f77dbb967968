package dev.provision.modules.virt;

import dev.provision.connection.CommandResult;
import dev.provision.connection.Shell;
import dev.provision.module.Fact;
import dev.provision.modules.packages.OsFamily;
import java.util.Optional;

/**
 * One run of virt-host-validate on a host, as a fact (read-only, memoised per host). When the
 * binary is missing the command exits 127 and prints the os-release family instead, so the error
 * can name the package that provides it.
 */
record ValidateRun(String hypervisor, String locale) implements Fact<ValidateRun.Output> {

  static final String MISSING = "provision: virt-host-validate not found";

  /** What came back: exit code, stdout, stderr, and (only when missing) the os family. */
  record Output(int exitCode, String stdout, String stderr, boolean missing, Optional<OsFamily> family) {}

  @Override
  public String key() {
    return "virt-host-validate:" + (hypervisor == null ? "" : hypervisor) + ":" + (locale == null ? "" : locale);
  }

  @Override
  public String command() {
    StringBuilder run = new StringBuilder();
    if (locale != null) {
      // LANGUAGE would override LC_ALL for gettext messages; clear it so the locale wins.
      run.append("LC_ALL=").append(Shell.quote(locale)).append(" LANGUAGE= ");
    }
    run.append("virt-host-validate");
    if (hypervisor != null) {
      run.append(' ').append(Shell.quote(hypervisor));
    }
    return "if ! command -v virt-host-validate >/dev/null 2>&1; then echo '" + MISSING + "'; "
        + OsFamily.osReleaseProbe() + "; exit 127; fi; " + run;
  }

  @Override
  public Output parse(CommandResult result) {
    String out = result.stdout() == null ? "" : result.stdout();
    String err = result.stderr() == null ? "" : result.stderr();
    boolean missing = result.exitCode() == 127 && (out.contains(MISSING) || err.contains("not found"));
    Optional<OsFamily> family = Optional.empty();
    if (missing) {
      for (String line : out.split("\n")) {
        if (line.startsWith("os=")) {
          family = OsFamily.fromOsReleaseIds(line.substring(3));
        }
      }
    }
    return new Output(result.exitCode(), out, err, missing, family);
  }
}
