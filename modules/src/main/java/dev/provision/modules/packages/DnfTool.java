package dev.provision.modules.packages;

import dev.provision.connection.CommandResult;
import dev.provision.connection.Shell;
import dev.provision.module.ExecAction;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** dnf and rpm, for RedHat-family hosts. */
final class DnfTool implements PackageTool {

  static final String INSTALLED_KEY = "rpm.packages";
  private static final String RC_MARK = "provision-rc=";

  @Override
  public String name() {
    return "dnf";
  }

  @Override
  public Fact<InstalledPackages> installed() {
    return new ShellFact<>(INSTALLED_KEY,
        "rpm -qa --qf '%{NAME}\\t%{VERSION}-%{RELEASE}\\n'", DnfTool::parseRpmList);
  }

  static InstalledPackages parseRpmList(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw ShellFact.failed("rpm -qa", result);
    }
    Map<String, String> versions = new HashMap<>();
    for (String line : result.stdout().split("\n")) {
      String[] cols = line.split("\t");
      if (cols.length == 2 && !cols[0].isBlank()) {
        versions.put(cols[0].trim(), cols[1].trim());
      }
    }
    return new InstalledPackages(versions);
  }

  @Override
  public Fact<Set<String>> upgradable(List<String> installedNames) {
    // check-update exits 100 when updates exist; the marker keeps that apart from a failure.
    String cmd = "dnf -q check-update " + Shell.join(installedNames) + "; echo " + RC_MARK + "$?";
    return new ShellFact<>("dnf.check-update:" + String.join(",", installedNames), cmd,
        r -> parseCheckUpdate(r, installedNames));
  }

  static Set<String> parseCheckUpdate(CommandResult result, List<String> names) throws ModuleException {
    String out = result.stdout();
    int mark = out.lastIndexOf(RC_MARK);
    int rc = mark < 0 ? result.exitCode() : Integer.parseInt(out.substring(mark + RC_MARK.length()).trim());
    if (mark < 0 || (rc != 0 && rc != 100)) {
      throw ShellFact.failed("dnf check-update", new CommandResult(rc, out, result.stderr(), result.elapsed()));
    }
    Set<String> upgradable = new LinkedHashSet<>();
    for (String line : out.substring(0, mark).split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length < 3) {
        continue; // blank lines and section headings ("Obsoleting Packages")
      }
      int dot = cols[0].lastIndexOf('.');
      String name = dot > 0 ? cols[0].substring(0, dot) : cols[0];
      if (names.contains(name)) {
        upgradable.add(name);
      }
    }
    return upgradable;
  }

  @Override
  public ExecAction install(List<String> names) {
    return ExecAction.of("dnf -y install " + Shell.join(names))
        .describedAs("install " + String.join(", ", names));
  }

  @Override
  public ExecAction remove(List<String> names) {
    return ExecAction.of("dnf -y remove " + Shell.join(names))
        .describedAs("remove " + String.join(", ", names));
  }

  @Override
  public ExecAction upgrade(List<String> names) {
    return ExecAction.of("dnf -y upgrade " + Shell.join(names))
        .describedAs("upgrade " + String.join(", ", names));
  }
}
