package dev.provision.modules.kube;

import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code kube_wait}: waits until pods (or other objects) are ready, a field equals a value, or a condition has a
 * status. Read-only: when the goal already holds the plan is a no-op with the reason, so a second run is ok;
 * otherwise the plan holds one wait action, reported as a change (what it waits for depends on earlier changes).
 */
public final class KubeWaitModule implements Module {

  private static final ParamSchema SCHEMA = buildSchema();

  private static ParamSchema buildSchema() {
    ParamSchema.Builder b = KubeParams.access()
        .waits()
        .summary("Waits until objects are ready, a field has a value, or a condition has a status.")
        .note("Read-only: when the goal already holds the plan is a no-op that says so, so a second run is ok;"
            + " otherwise the plan waits, counted as a change. Waiting watches the objects (list, then watch, again"
            + " after a disconnect) and shows each new state as progress; the message then gives the state that"
            + " ended the wait. On timeout the task fails with the last state seen. See docs/kube-wait-vm.md.")
        .returns("state", "the last state, as one line")
        .returns("names", "the matching objects' names")
        .returns("total", "objects seen")
        .returns("matched", "objects that meet the goal")
        .returns("value", "field waits: the field's value")
        .returns("waited_seconds", "how long it waited, after a wait")
        .example("""
                - name: wait for the virt-operator pods
                  kube_wait: {namespace: kubevirt, selector: kubevirt.io=virt-operator, min: 2, timeout: 5m}
                - kube_wait: {kind: KubeVirt, namespace: kubevirt, name: kubevirt, field: .status.phase, value: Deployed}
                """)
        .param(Param.string("kind").defaultsTo("Pod").describedAs("kind to watch, e.g. Pod, Deployment, KubeVirt"))
        .param(Param.string("api_version").describedAs("e.g. kubevirt.io/v1; default: known or discovered"))
        .param(Param.string("name").describedAs("one object; default: all matching `selector`"))
        .param(Param.string("namespace").describedAs("default: the kubeconfig's namespace or `default`"))
        .param(Param.any("selector").describedAs("label selector: `app=x,tier!=db` or a mapping"))
        .param(Param.string("for").choices("ready", "exists", "absent")
            .describedAs("ready (the default), exists, or absent"))
        .param(Param.string("field").describedAs("a field path, e.g. .status.phase; with `value`"))
        .param(Param.string("value").describedAs("the value `field` must have"))
        .param(Param.string("condition").describedAs("a status condition type, e.g. Available"))
        .param(Param.string("status").defaultsTo("True").describedAs("the status `condition` must have"))
        .param(Param.integer("min").defaultsTo(1L).describedAs("at least this many objects must match"))
        .param(Param.duration("timeout").defaultsTo("5m").describedAs("e.g. 300, 90s, 5m"))
        .mutuallyExclusive("for", "field", "condition")
        .mutuallyExclusive("name", "selector");
    return b.build();
  }

  @Override
  public String name() {
    return "kube_wait";
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    KubernetesClient client = KubeAccess.client(host, params);
    Selection selection = selection(params, client);
    WaitGoal goal = goal(params, selection);
    Duration timeout = timeout(params, host);
    ResourceWaiter waiter = new ResourceWaiter(client);
    Observation now;
    try {
      now = waiter.snapshot(selection, goal);
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      throw KubeErrors.failure("read " + selection.describe(true), client, e);
    }
    Map<String, Object> result = new LinkedHashMap<>(now.result());
    result.put("state", now.line());
    if (now.met()) {
      return Plan.noop(goal.describe() + ": " + now.line(), result);
    }
    return Plan.change("wait for " + goal.describe() + " (now: " + now.line() + ")",
        new WaitAction(waiter, selection, goal, timeout)).withResult(result);
  }

  static Selection selection(Params params, KubernetesClient client) {
    String namespace = params.optString("namespace").orElseGet(() -> client.getNamespace() != null
        ? client.getNamespace() : "default");
    return new Selection(params.string("kind"), params.optString("api_version").orElse(null), namespace,
        params.optString("name").orElse(null), selector(params.raw("selector")));
  }

  static String selector(Object raw) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
    return String.valueOf(raw);
  }

  static WaitGoal goal(Params params, Selection selection) throws ModuleException {
    boolean named = selection.name() != null;
    int min = (int) params.integer("min");
    String what = selection.describe(Kinds.known(selection.kind(), selection.apiVersion())
        .map(KindRef::namespaced).orElse(true));
    if (params.has("field")) {
      if (!params.has("value")) {
        throw new ModuleException("kube_wait: `field: " + params.string("field") + "` needs `value:` (what it must equal)");
      }
      try {
        return new WaitGoal(selection.kind(), what, new FieldEquals(ObjectPath.parse(params.string("field")),
            params.string("value")), min, false, named);
      } catch (IllegalArgumentException e) {
        throw new ModuleException("kube_wait: " + e.getMessage());
      }
    }
    if (params.has("value")) {
      throw new ModuleException("kube_wait: `value:` needs `field:` (the path it is compared with, e.g. .status.phase)");
    }
    if (params.has("condition")) {
      return new WaitGoal(selection.kind(), what, new ConditionStatus(params.string("condition"),
          params.string("status")), min, false, named);
    }
    String goal = params.stringOr("for", "ready");
    return switch (goal) {
      case "absent" -> new WaitGoal(selection.kind(), what, new Readiness(selection.kind()), min, true, named);
      case "exists" -> new WaitGoal(selection.kind(), what, ObjectExists.INSTANCE, min, false, named);
      default -> new WaitGoal(selection.kind(), what, new Readiness(selection.kind()), min, false, named);
    };
  }

  /** The module's {@code timeout}, or the task's when that is shorter. */
  static Duration timeout(Params params, HostContext host) {
    Duration timeout = params.duration("timeout");
    Duration task = host.timeout();
    return task != null && task.compareTo(timeout) < 0 ? task : timeout;
  }

}
