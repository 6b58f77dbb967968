package dev.provision.modules.checks;

import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.List;
import java.util.Map;

/**
 * {@code fail}: fails the task with {@code msg}, in a plan as in an apply (usually under a
 * {@code when}), so the plan predicts the failure the apply would have.
 */
public final class FailModule implements Module {

  static final String DEFAULT = "Failed as requested from task";

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Fails the task with a message, in a plan as in an apply.")
      .note("Never a change; the plan fails as the apply would.")
      .example("""
          - name: supported architectures only
            fail: {msg: "KubeVirt needs x86_64 or aarch64"}
            when: ansible_architecture not in ["x86_64", "aarch64"]
          """)
      .param(Param.any("msg").defaultsTo(DEFAULT).describedAs("the failure message (text, or any value, shown as JSON)"))
      .build();

  @Override
  public String name() {
    return "fail";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("fail");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    Object msg = params.raw("msg");
    String text = msg == null ? DEFAULT : msg instanceof String s ? s : dev.provision.json.Json.write(msg);
    throw new ModuleException(text, Map.of("msg", text));
  }
}
