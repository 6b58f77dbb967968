package dev.provision.modules.accounts;

import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Diff;
import dev.provision.module.ExecAction;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code group}: a local group present (with its {@code gid}) or absent, read with {@code getent
 * group} and changed with groupadd, groupmod, groupdel.
 */
public final class GroupModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Ensures a local group exists (with its gid) or is absent.")
      .note("getent group to read; groupadd, groupmod -g and groupdel to change.")
      .example("""
          - name: kvm group
            group: {name: kvm, gid: 36, system: true}
            become: true
          """)
      .param(Param.string("name").required().describedAs("the group"))
      .param(Param.string("state").choices("present", "absent").defaultsTo("present").describedAs("present or absent"))
      .param(Param.integer("gid").describedAs("its numeric id"))
      .param(Param.bool("system").defaultsTo(false).describedAs("a system group (groupadd -r) when created"))
      .param(Param.bool("local").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.bool("non_unique").notSupportedYet(null).describedAs("not supported yet"))
      .build();

  @Override
  public String name() {
    return "group";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("group");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** {@code gid} of the group, or -1 when there is none. */
  record GroupFact(String name) implements Fact<Long> {
    @Override
    public String key() {
      return "group:" + name;
    }

    @Override
    public String command() {
      return "getent group " + name + " || true";
    }

    @Override
    public Long parse(CommandResult result) throws ModuleException {
      String line = result.stdout().strip();
      if (line.isEmpty()) {
        return -1L;
      }
      String[] f = line.split(":", -1);
      try {
        return Long.parseLong(f[2]);
      } catch (RuntimeException e) {
        throw new ModuleException("unexpected getent output for group " + name + ": `" + line + "`");
      }
    }
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String name = AccountNames.check("group", params.string("name"));
    boolean present = params.stringOr("state", "present").equals("present");
    Long gid = params.optInteger("gid").orElse(null);
    long current = host.fact(new GroupFact(name));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("name", name);
    if (!present) {
      if (current < 0) {
        return Plan.noop("group " + name + " is absent", result);
      }
      return Plan.change("remove group " + name, List.of(Diff.of("group " + name, "gid: " + current + "\n", "")),
          List.of(ExecAction.of("groupdel " + name))).withResult(result);
    }
    if (current < 0) {
      String add = "groupadd" + (params.bool("system") ? " -r" : "") + (gid != null ? " -g " + gid : "") + " " + name;
      return Plan.change("add group " + name, List.of(Diff.of("group " + name, "",
          "gid: " + (gid != null ? gid : "next free") + "\n")), List.of(ExecAction.of(add))).withResult(result);
    }
    result.put("gid", current);
    if (gid != null && gid != current) {
      return Plan.change("change gid of group " + name + " to " + gid, List.of(Diff.of("group " + name,
          "gid: " + current + "\n", "gid: " + gid + "\n")), List.of(ExecAction.of("groupmod -g " + gid + " " + name)))
          .withResult(result);
    }
    return Plan.noop("group " + name + " exists (gid " + current + ")", result);
  }
}
