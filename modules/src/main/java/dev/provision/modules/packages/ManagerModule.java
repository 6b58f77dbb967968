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
            .describedAs(manager.equals("apt") ? "run apt-get update first (alone: only that); the apt cache's"
                + " age is read from the host, as Ansible does" : "accepted; dnf refreshes its metadata when it is stale"));
    if (manager.equals("apt")) {
      b.param(Param.integer("cache_valid_time").defaultsTo(0L)
              .describedAs("seconds: update the cache only when it is older (implies update_cache)"))
          .param(Param.bool("install_recommends")
              .describedAs("no: --no-install-recommends; yes: install them; unset: apt's own setting"))
          .returns("cache_updated", "whether the apt cache was (or would be) updated")
          .returns("cache_update_time", "when the apt cache was last updated (seconds since the epoch)");
    }
    b.param(PackageModule.ALLOW_DOWNGRADE);
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
    boolean named = params.has("name") && params.raw("name") != null;
    boolean updateCache = params.bool("update_cache");
    AptCache cache = null;
    if (manager.equals("apt")) {
      long validSeconds = params.optInteger("cache_valid_time").orElse(0L);
      if (updateCache || validSeconds > 0) {
        cache = host.fact(AptCache.fact());
        updateCache = cache.stale(validSeconds);
      }
    }
    if (!named) {
      if (cache == null) {
        throw new ModuleException(name + " without name is not supported yet" + (manager.equals("apt")
            ? ", but for update_cache" : "") + ": name the packages");
      }
      return updateOnly(cache, updateCache);
    }
    String state = switch (params.stringOr("state", "present")) {
      case "installed" -> "present";
      case "removed" -> "absent";
      default -> params.stringOr("state", "present");
    };
    Plan plan = PackageModule.plan(PackageNames.check(params.strings("name")), state, manager, updateCache,
        params.has("install_recommends") && params.raw("install_recommends") != null
            ? java.util.Optional.of(params.bool("install_recommends")) : java.util.Optional.empty(), host);
    if (cache == null) {
      return plan;
    }
    // as Ansible: with packages, the cache's update is reported but changes nothing by itself
    java.util.Map<String, Object> result = new java.util.LinkedHashMap<>(plan.result());
    result.put("cache_updated", updateCache && plan.changes());
    result.put("cache_update_time", cache.updated());
    return plan.withResult(result);
  }

  /** {@code apt: update_cache=yes} alone: changed exactly when the cache is updated, as in Ansible. */
  private static Plan updateOnly(AptCache cache, boolean stale) {
    java.util.Map<String, Object> result = new java.util.LinkedHashMap<>();
    result.put("cache_updated", stale);
    result.put("cache_update_time", cache.updated());
    if (!stale) {
      return Plan.noop("the apt cache is fresh (" + cache.age() + ")", result);
    }
    return Plan.change("update the apt cache (" + cache.age() + ")", AptTool.update()).withResult(result);
  }
}
