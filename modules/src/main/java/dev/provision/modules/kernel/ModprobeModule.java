package dev.provision.modules.kernel;

import dev.provision.connection.ConnectionException;
import dev.provision.connection.Shell;
import dev.provision.connection.Shlex;
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

/**
 * {@code community.general.modprobe}: a kernel module loaded (with its parameters) or unloaded. It
 * reads whether the module is loaded ({@link KernelModuleFact}); a change is checked first with
 * modprobe's own dry run ({@code -n}, as Ansible's check mode runs it), so a module the host cannot
 * load fails the plan as it would fail the apply.
 */
public final class ModprobeModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Loads or unloads a kernel module with modprobe.")
      .note("As community.general.modprobe: loaded means listed in /proc/modules or built into the kernel (modules.builtin); the plan runs modprobe -n, Ansible's check mode. persistent (files in /etc/modules-load.d and /etc/modprobe.d) is not supported yet; use copy or lineinfile. After a load, Ansible reports ok when the module is still not loaded; Provision reports changed.")
      .example("""
          - name: bridge traffic through iptables
            community.general.modprobe:
              name: br_netfilter
              state: present
            become: true
          """)
      .param(Param.string("name").required().describedAs("the kernel module (br_netfilter)"))
      .param(Param.string("state").choices("present", "absent").defaultsTo("present")
          .describedAs("present: loaded; absent: not loaded (modprobe -r)"))
      .param(Param.string("params").defaultsTo("").describedAs("module parameters for the load, as shell words (\"max_loop=64\")"))
      .param(Param.string("persistent").choices("disabled", "present", "absent").defaultsTo("disabled")
          .describedAs("only disabled: the files that load it at boot are not supported yet"))
      .build();

  @Override
  public String name() {
    return "community.general.modprobe";
  }

  @Override
  public List<String> aliases() {
    return List.of("modprobe");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String name = params.string("name");
    if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_-]*")) {
      throw new ModuleException("name `" + name + "` is not a kernel module name (letters, digits, _ and -)");
    }
    if (!params.stringOr("persistent", "disabled").equals("disabled")) {
      throw new ModuleException("persistent: " + params.string("persistent")
          + " is not supported yet; write /etc/modules-load.d/" + name + ".conf with copy instead");
    }
    boolean present = params.stringOr("state", "present").equals("present");
    String rawParams = params.stringOr("params", "");
    List<String> words = new ArrayList<>(List.of(name));
    try {
      words.addAll(Shlex.split(rawParams));
    } catch (IllegalArgumentException e) {
      throw new ModuleException("params `" + rawParams + "`: " + e.getMessage());
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("name", name);
    result.put("params", rawParams);
    result.put("state", present ? "present" : "absent");
    KernelModuleFact.State state = host.fact(new KernelModuleFact(name));
    boolean loaded = state != KernelModuleFact.State.ABSENT;
    if (present == loaded) {
      return Plan.noop("kernel module " + name + (state == KernelModuleFact.State.BUILTIN ? " is built into the kernel"
          : loaded ? " is loaded" : " is not loaded"), result);
    }
    String args = present ? Shell.join(words) : "-r " + name;
    String refused = host.fact(new ModprobeDryRunFact(args));
    if (!refused.isEmpty()) {
      throw new ModuleException("modprobe -n " + args + ": " + refused, result);
    }
    String change = present ? "load kernel module " + name + (rawParams.isBlank() ? "" : " with " + rawParams)
        : "unload kernel module " + name;
    return Plan.change(change, KernelCommand.of(change + " (modprobe " + args + ")", "modprobe " + args,
        "modprobe " + args + " failed")).withResult(result);
  }
}
