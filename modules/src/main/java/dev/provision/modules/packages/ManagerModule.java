package dev.provision.modules.packages;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.List;

/**
 * Ansible's {@code dnf}, {@code yum} and {@code apt}: the {@code package} module with the manager
 * fixed by the module's name, Ansible's state words ({@code installed}, {@code removed}) read as
 * {@code present} and {@code absent}, and the options Provision has no equivalent for declared
 * "not supported yet".
 */
abstract class ManagerModule implements Module {

  private final String name;
  private final String manager;
  private final ParamSchema schema;

  ManagerModule(String name, String manager, String... unsupported) {
    this.name = name;
    this.manager = manager;
    ParamSchema.Builder b = ParamSchema.builder()
        .summary("Ansible's " + name + ": the package module with " + manager + ".")
        .note("The same code as package, with the manager fixed by the module's name" + (name.equals("yum")
            ? " (yum is dnf on every current RHEL-family host)" : "") + ". installed and removed are read as present and"
            + " absent. Options with no equivalent are not supported yet, and so is update_cache without name.")
        .example("- name: tools\n  " + name + ": {name: [curl, jq], state: present}\n  become: true")
        .param(Param.list("name").aliases("pkg")
            .describedAs("package names (a list, or one name, or names separated by commas)"))
        .param(Param.string("state").choices("present", "installed", "latest", "absent", "removed")
            .defaultsTo("present").describedAs("installed is present and removed is absent, as in Ansible"))
        .param(Param.bool("update_cache").aliases("update-cache").defaultsTo(false)
            .describedAs(manager.equals("apt") ? "run apt-get update before installing or upgrading"
                : "accepted; dnf refreshes its metadata when it is stale"));
    for (String option : unsupported) {
      b.param(Param.any(option).notSupportedYet(null).describedAs("not supported yet"));
    }
    this.schema = b.freeForm("name").build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin(name);
  }

  @Override
  public ParamSchema schema() {
    return schema;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    if (!params.has("name") || params.raw("name") == null) {
      throw new ModuleException(name + " without name (only update_cache) is not supported yet: name the packages");
    }
    String state = switch (params.stringOr("state", "present")) {
      case "installed" -> "present";
      case "removed" -> "absent";
      default -> params.stringOr("state", "present");
    };
    return PackageModule.plan(PackageNames.check(params.strings("name")), state, manager, params, host);
  }
}
