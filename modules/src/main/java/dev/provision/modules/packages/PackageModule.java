package dev.provision.modules.packages;

import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.Diff;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code package}: packages present, absent or latest, with dnf or apt. The installed set is read
 * once per host (a fact), so the plan names exactly the packages it would install or remove and a
 * compliant host gets no command at all.
 */
public final class PackageModule implements Module {

  /** Accepted as Ansible's modules take it; with names that hold no version there is nothing to downgrade. */
  static final Param ALLOW_DOWNGRADE = Param.bool("allow_downgrade").defaultsTo(false)
      .describedAs("accepted; no effect: names hold no version here, so nothing is ever downgraded");

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Packages present, absent or latest, with dnf or apt.")
      .note("The installed set is read once per host, so the plan names exactly the packages it would install,"
          + " upgrade or remove, and a compliant host gets no command at all.")
      .returns("manager", "dnf or apt")
      .returns("install", "packages installed (or to install, in a plan)")
      .returns("remove", "packages removed")
      .returns("upgrade", "packages upgraded")
      .example("""
              - name: virtualization packages
                package: {name: [qemu-kvm, libvirt], state: present}
                become: true
              """)
      .param(Param.list("name").required().aliases("pkg")
          .describedAs("package names (a list, or one name, or names separated by commas)"))
      .param(Param.string("state").choices("present", "absent", "latest").defaultsTo("present")
          .describedAs("latest also upgrades installed packages that have a newer version"))
      .param(Param.string("manager").aliases("use").choices("auto", "dnf", "yum", "apt").defaultsTo("auto")
          .describedAs("Ansible's use: auto: from ansible_pkg_mgr (gathered) or ansible_os_family, else probed on the"
              + " host; yum is dnf"))
      .param(Param.bool("update_cache").defaultsTo(false)
          .describedAs("apt only: run apt-get update before installing or upgrading"))
      .param(ALLOW_DOWNGRADE)
      .freeForm("name")
      .build();

  @Override
  public String name() {
    return "package";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin(name());
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    return plan(PackageNames.check(params.strings("name")), params.stringOr("state", "present"),
        ManagerChoice.choose(params.stringOr("manager", "auto").replace("yum", "dnf"), host), params, host);
  }

  /** The plan for {@code names} in {@code state} with one {@code manager}: also what {@code dnf}, {@code yum} and {@code apt} run. */
  static Plan plan(List<String> names, String state, String manager, Params params, HostContext host)
      throws ModuleException, ConnectionException {
    return plan(names, state, manager, params.bool("update_cache"), java.util.Optional.empty(), host);
  }

  /**
   * The same, with apt's {@code update_cache} already judged against {@code cache_valid_time}, and
   * its {@code install_recommends} (empty: apt's own setting).
   */
  static Plan plan(List<String> names, String state, String manager, boolean updateCache,
      java.util.Optional<Boolean> installRecommends, HostContext host) throws ModuleException, ConnectionException {
    PackageTool tool = manager.equals("apt") ? new AptTool(updateCache, installRecommends) : new DnfTool();
    InstalledPackages installed = host.fact(tool.installed());

    List<String> present = names.stream().filter(installed::has).toList();
    List<String> missing = names.stream().filter(n -> !installed.has(n)).toList();
    List<String> toInstall = state.equals("absent") ? List.of() : missing;
    List<String> toRemove = state.equals("absent") ? present : List.of();
    List<String> toUpgrade = List.of();
    if (state.equals("latest") && !present.isEmpty()) {
      Set<String> upgradable = host.fact(tool.upgradable(present));
      toUpgrade = present.stream().filter(upgradable::contains).toList();
    }

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("manager", tool.name());
    result.put("install", toInstall);
    result.put("remove", toRemove);
    result.put("upgrade", toUpgrade);
    if (toInstall.isEmpty() && toRemove.isEmpty() && toUpgrade.isEmpty()) {
      return Plan.noop(noopReason(state, names), result);
    }
    List<Action> actions = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    if (!toInstall.isEmpty()) {
      actions.add(tool.install(toInstall));
      summary.add("install " + String.join(", ", toInstall));
    }
    if (!toUpgrade.isEmpty()) {
      actions.add(tool.upgrade(toUpgrade));
      summary.add("upgrade " + String.join(", ", toUpgrade));
    }
    if (!toRemove.isEmpty()) {
      actions.add(tool.remove(toRemove));
      summary.add("remove " + String.join(", ", toRemove));
    }
    Diff diff = diff(tool.name(), names, installed, toInstall, toUpgrade, toRemove);
    return Plan.change(String.join("; ", summary), List.of(diff), actions).withResult(result);
  }

  private static String noopReason(String state, List<String> names) {
    String subject = PackageNames.phrase(names) + " " + PackageNames.verb(names);
    return switch (state) {
      case "absent" -> subject + " absent";
      case "latest" -> subject + " installed and up to date";
      default -> subject + " installed";
    };
  }

  /** One line per named package: its version before, and what it will be after. */
  private static Diff diff(String manager, List<String> names, InstalledPackages installed,
      List<String> toInstall, List<String> toUpgrade, List<String> toRemove) {
    StringBuilder before = new StringBuilder();
    StringBuilder after = new StringBuilder();
    for (String name : names) {
      if (installed.has(name)) {
        before.append(name).append(' ').append(installed.version(name)).append('\n');
      }
      if (toInstall.contains(name)) {
        after.append(name).append(" (to be installed)\n");
      } else if (toUpgrade.contains(name)) {
        after.append(name).append(" (newest available)\n");
      } else if (!toRemove.contains(name) && installed.has(name)) {
        after.append(name).append(' ').append(installed.version(name)).append('\n');
      }
    }
    return Diff.of("packages (" + manager + ")", before.toString(), after.toString());
  }
}
