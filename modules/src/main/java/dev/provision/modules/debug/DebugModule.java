package dev.provision.modules.debug;

import dev.provision.json.Json;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code debug}: shows {@code msg}, or the value of the expression {@code var}. The value goes in
 * the message and the result ({@code msg}, or the expression as the key, as in Ansible).
 */
public final class DebugModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Shows a message, or the value of an expression, as the task's message.")
      .param(Param.any("msg").describedAs("the text (templated) or any value to show (default: Hello world!)"))
      .param(Param.string("var").expression().describedAs("an expression, without {{ }}: shown as `EXPR: value`"))
      .param(Param.integer("verbosity").defaultsTo(0L).describedAs("accepted for Ansible compatibility; always shown"))
      .returns("msg", "the message (with `var`: the expression is the key, as in Ansible)")
      .example("""
              - debug: {msg: "kernel {{ kernel.stdout }} on {{ inventory_hostname }}"}
              - debug: {var: ansible_distribution}
              """)
      .mutuallyExclusive("msg", "var")
      .build();

  @Override
  public String name() {
    return "debug";
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    Map<String, Object> data = new LinkedHashMap<>();
    if (params.has("var")) {
      String expression = params.string("var").strip();
      Object value = host.evaluate(expression);
      data.put(expression, value);
      return Plan.noop(expression + ": " + show(value), data);
    }
    Object msg = params.has("msg") ? params.raw("msg") : "Hello world!";
    data.put("msg", msg);
    return Plan.noop(show(msg), data);
  }

  private static String show(Object value) {
    return value instanceof String s ? s : Json.write(value);
  }
}
