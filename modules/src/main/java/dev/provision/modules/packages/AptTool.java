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

/** apt-get and dpkg, for Debian-family hosts. */
final class AptTool implements PackageTool {

  static final String INSTALLED_KEY = "dpkg.packages";
  private static final String APT_GET = "DEBIAN_FRONTEND=noninteractive apt-get";

  private final boolean updateCache;
  private final java.util.Optional<Boolean> installRecommends;

  AptTool(boolean updateCache) {
    this(updateCache, java.util.Optional.empty());
  }

  AptTool(boolean updateCache, java.util.Optional<Boolean> installRecommends) {
    this.updateCache = updateCache;
    this.installRecommends = installRecommends;
  }

  /** {@code apt-get update}, alone. */
  static ExecAction update() {
    return ExecAction.of(APT_GET + " update -q").describedAs("update the apt cache");
  }

  @Override
  public String name() {
    return "apt";
  }

  @Override
  public Fact<InstalledPackages> installed() {
    return new ShellFact<>(INSTALLED_KEY,
        "dpkg-query -W -f='${db:Status-Abbrev}\\t${Package}\\t${Version}\\n'", AptTool::parseDpkgList);
  }

  /** Lists also packages removed but with config files left (status "rc"); those are not installed. */
  static InstalledPackages parseDpkgList(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw ShellFact.failed("dpkg-query", result);
    }
    Map<String, String> versions = new HashMap<>();
    for (String line : result.stdout().split("\n")) {
      String[] cols = line.split("\t");
      if (cols.length == 3 && cols[0].length() >= 2 && cols[0].charAt(1) == 'i') {
        versions.put(cols[1].trim(), cols[2].trim());
      }
    }
    return new InstalledPackages(versions);
  }

  @Override
  public Fact<Set<String>> upgradable(List<String> installedNames) {
    return new ShellFact<>("apt.policy:" + String.join(",", installedNames),
        "LC_ALL=C apt-cache policy " + Shell.join(installedNames), AptTool::parsePolicy);
  }

  static Set<String> parsePolicy(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw ShellFact.failed("apt-cache policy", result);
    }
    Set<String> upgradable = new LinkedHashSet<>();
    String current = null;
    String installed = null;
    for (String line : result.stdout().split("\n")) {
      if (!line.startsWith(" ") && line.endsWith(":")) {
        current = line.substring(0, line.length() - 1).trim();
        installed = null;
      } else if (line.trim().startsWith("Installed:")) {
        installed = line.trim().substring("Installed:".length()).trim();
      } else if (line.trim().startsWith("Candidate:") && current != null && installed != null) {
        String candidate = line.trim().substring("Candidate:".length()).trim();
        if (!installed.equals("(none)") && !candidate.equals("(none)") && !candidate.equals(installed)) {
          upgradable.add(current);
        }
      }
    }
    return upgradable;
  }

  @Override
  public ExecAction install(List<String> names) {
    String recommends = installRecommends.map(r -> r ? "-o APT::Install-Recommends=yes " : "--no-install-recommends ")
        .orElse("");
    return ExecAction.of(updatePrefix() + APT_GET + " install -y " + recommends + Shell.join(names))
        .describedAs("install " + String.join(", ", names));
  }

  @Override
  public ExecAction remove(List<String> names) {
    return ExecAction.of(APT_GET + " remove -y " + Shell.join(names))
        .describedAs("remove " + String.join(", ", names));
  }

  /** {@code install} of an installed package upgrades it to the candidate; only those named. */
  @Override
  public ExecAction upgrade(List<String> names) {
    return ExecAction.of(updatePrefix() + APT_GET + " install -y --only-upgrade " + Shell.join(names))
        .describedAs("upgrade " + String.join(", ", names));
  }

  private String updatePrefix() {
    return updateCache ? APT_GET + " update -q && " : "";
  }
}
