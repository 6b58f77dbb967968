package dev.provision.modules.checks;

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
 * {@code assert}: each bare expression of {@code that} must be true, else the task fails with
 * {@code fail_msg} (alias {@code msg}). Never a change.
 */
public final class AssertModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Checks that expressions hold on the host, and fails the task with `fail_msg` when one does not.")
      .note("Each expression is bare Jinja (no braces), evaluated with the task's variables; every item of a list"
          + " must hold. Never a change. In a plan, an expression that reads a value known only after apply makes"
          + " the task deferred.")
      .param(Param.any("that").required().expression().describedAs("an expression or a list of them, without {{ }}"))
      .param(Param.string("fail_msg").aliases("msg").describedAs("the failure's message (default: Assertion failed: EXPR)"))
      .param(Param.string("success_msg").describedAs("the message when every expression holds"))
      .param(Param.bool("quiet").defaultsTo(false).describedAs("show \"All assertions passed\" rather than success_msg"))
      .returns("assertion", "the expression that failed")
      .returns("evaluated_to", "false, when one failed")
      .example("""
              - name: the host can run VMs
                assert:
                  that:
                    - validation.passed
                    - ansible_architecture in ['x86_64', 'aarch64']
                  fail_msg: "{{ inventory_hostname }} cannot run KubeVirt VMs"
              """)
      .build();

  @Override
  public String name() {
    return "assert";
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    List<String> conditions = conditions(params.raw("that"));
    for (String condition : conditions) {
      if (!host.test(condition)) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assertion", condition);
        data.put("evaluated_to", false);
        String msg = params.optString("fail_msg").orElse("Assertion failed: " + condition);
        data.put("msg", msg);
        throw new ModuleException(msg, data);
      }
    }
    String msg = params.optString("success_msg").orElse("All assertions passed");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("msg", msg);
    return Plan.noop(params.bool("quiet") ? "All assertions passed" : msg, data);
  }

  private static List<String> conditions(Object that) throws ModuleException {
    List<String> out = new ArrayList<>();
    for (Object item : that instanceof List<?> list ? list : List.of(that)) {
      if (item instanceof Boolean b) {
        out.add(b ? "true" : "false");
      } else if (item == null || item instanceof Map || item instanceof List || String.valueOf(item).isBlank()) {
        throw new ModuleException("`that` takes expressions (strings), not " + item);
      } else {
        out.add(String.valueOf(item));
      }
    }
    if (out.isEmpty()) {
      throw new ModuleException("`that` has no condition");
    }
    return out;
  }
}
