package dev.provision.modules.packages;

import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Picks dnf or apt for a host, as Ansible does: the {@code manager} parameter, else the gathered
 * (or inventory) {@code ansible_pkg_mgr}, else {@code ansible_os_family}, else a probe of the host:
 * the os-release family when its tool is there, else whichever of dnf and apt-get exists.
 */
final class ManagerChoice {

  static final String PROBE_KEY = "package.manager-probe";

  private ManagerChoice() {}

  /** What the probe found: the os-release family (if known) and the tools on PATH. */
  record Probe(Optional<OsFamily> family, Set<String> tools) {}

  static String choose(String requested, HostContext host) throws ModuleException, ConnectionException {
    if (!"auto".equals(requested)) {
      return requested;
    }
    Object pkgMgr = host.vars().get("ansible_pkg_mgr");
    if (pkgMgr != null) {
      String v = pkgMgr.toString().trim();
      switch (v) {
        case "dnf", "dnf5", "yum" -> {
          return "dnf";
        }
        case "apt" -> {
          return "apt";
        }
        default -> throw new ModuleException("ansible_pkg_mgr is `" + v + "`; module `package` supports dnf"
            + " and apt", java.util.Map.of());
      }
    }
    Optional<OsFamily> family = OsFamily.fromVars(host.vars());
    if (family.isPresent()) {
      return family.get().packageManager();
    }
    return fromProbe(host.fact(probe()));
  }

  static String fromProbe(Probe probe) throws ModuleException {
    if (probe.family().isPresent()) {
      String wanted = probe.family().get().packageManager();
      if (probe.tools().contains(wanted)) {
        return wanted;
      }
    }
    if (probe.tools().contains("dnf")) {
      return "dnf";
    }
    if (probe.tools().contains("apt")) {
      return "apt";
    }
    throw new ModuleException("found neither dnf nor apt-get on the host",
        java.util.Map.of("hint", "install one, or set `manager:` or the variable ansible_pkg_mgr"));
  }

  static Fact<Probe> probe() {
    String cmd = OsFamily.osReleaseProbe()
        + "; command -v dnf >/dev/null 2>&1 && echo tool=dnf"
        + "; command -v apt-get >/dev/null 2>&1 && echo tool=apt; true";
    return new ShellFact<>(PROBE_KEY, cmd, ManagerChoice::parseProbe);
  }

  static Probe parseProbe(CommandResult result) {
    Optional<OsFamily> family = Optional.empty();
    Set<String> tools = new LinkedHashSet<>();
    for (String line : result.stdout().split("\n")) {
      if (line.startsWith("os=")) {
        family = OsFamily.fromOsReleaseIds(line.substring(3));
      } else if (line.startsWith("tool=")) {
        tools.add(line.substring(5).trim());
      }
    }
    return new Probe(family, tools);
  }
}
