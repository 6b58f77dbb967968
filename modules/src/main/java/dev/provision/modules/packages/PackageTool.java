package dev.provision.modules.packages;

import dev.provision.module.ExecAction;
import dev.provision.module.Fact;
import java.util.List;
import java.util.Set;

/** One package manager's commands: what the {@code package} module reads and runs. */
interface PackageTool {

  /** {@code dnf} or {@code apt}. */
  String name();

  /** All installed packages, read once per host. */
  Fact<InstalledPackages> installed();

  /** Which of these installed packages have a newer version available. */
  Fact<Set<String>> upgradable(List<String> installedNames);

  ExecAction install(List<String> names);

  ExecAction remove(List<String> names);

  /** Brings installed packages to the newest available version. */
  ExecAction upgrade(List<String> names);
}
