package dev.provision.modules.facts;

import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code set_fact}: every key becomes a host variable. The result's {@code ansible_facts} holds
 * them; the walker merges it into the host's facts. Never a change, in either mode.
 */
public final class SetFactModule implements Module {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Sets host variables for the tasks that follow, from values or templates.")
      .note("Every key but `cacheable` becomes a variable of the host, above inventory and play variables (as"
          + " Ansible's set_fact). Never a change. In a plan, a value that reads a result known only after apply"
          + " makes the variable unknown too, and the tasks that read it deferred.")
      .param(Param.bool("cacheable").defaultsTo(false).describedAs("accepted for Ansible compatibility; no fact cache"))
      .returns("ansible_facts", "the variables set")
      .example("""
              - set_fact:
                  kubevirt_version: "{{ stable.content }}"
                  virtctl_dest: "{{ ansible_user_dir }}/.local/bin/virtctl"
              """)
      .definesVariables()
      .build();

  @Override
  public String name() {
    return "set_fact";
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    Map<String, Object> facts = new LinkedHashMap<>(params.asMap());
    facts.remove("cacheable");
    if (facts.isEmpty()) {
      throw new ModuleException("set_fact needs at least one `name: value`");
    }
    for (String name : facts.keySet()) {
      if (!NAME.matcher(name).matches()) {
        throw new ModuleException("`" + name + "` is not a valid variable name (letters, digits, _; not first a digit)");
      }
    }
    return Plan.noop("set " + String.join(", ", facts.keySet()), Map.of("ansible_facts", facts));
  }
}
