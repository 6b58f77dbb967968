package dev.provision.modules.kube.k8s;

import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import dev.provision.modules.kube.ObjectCheck;
import dev.provision.modules.kube.ObjectExists;
import dev.provision.modules.kube.ObjectPlanner;
import dev.provision.modules.kube.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kubernetes.core's {@code wait}, {@code wait_condition} and {@code wait_timeout}: what an object must
 * show before the task ends. With a condition: that condition (type, status, reason) as kubernetes.core
 * judges it; without one: Deployments, DaemonSets, StatefulSets and Pods ready, any other kind merely
 * present.
 */
record WaitSpec(boolean enabled, ObjectCheck condition, Duration timeout) {

  private static final Set<String> READINESS_KINDS = Set.of("Deployment", "DaemonSet", "StatefulSet", "Pod");

  static WaitSpec of(Params params, HostContext host) throws ModuleException {
    ObjectCheck condition = null;
    if (params.has("wait_condition")) {
      condition = Condition.of(params.map("wait_condition"));
    }
    long seconds = params.integer("wait_timeout");
    if (seconds <= 0) {
      throw new ModuleException("wait_timeout must be a positive number of seconds, not " + seconds);
    }
    return new WaitSpec(params.bool("wait"), condition, ObjectPlanner.bounded(Duration.ofSeconds(seconds), host));
  }

  /** The check for an object of this kind. */
  ObjectCheck check(String kind) {
    if (condition != null) {
      return condition;
    }
    return READINESS_KINDS.contains(kind) ? new Readiness(kind) : ObjectExists.INSTANCE;
  }

  /**
   * A status condition as kubernetes.core's {@code custom_condition} reads it: the condition of the type
   * must exist; status {@code Unknown} is compared as it is, others as booleans; a reason, when given,
   * must be the condition's.
   */
  record Condition(String type, String status, String reason) implements ObjectCheck {

    static Condition of(Map<String, Object> given) throws ModuleException {
      for (String key : given.keySet()) {
        if (!List.of("type", "status", "reason").contains(key)) {
          throw new ModuleException("wait_condition: unknown key `" + key + "` (known: type, status, reason)");
        }
      }
      if (given.get("type") == null) {
        throw new ModuleException("wait_condition needs a type, e.g. {type: Available, status: \"True\"}");
      }
      Object status = given.getOrDefault("status", "True");
      String text = String.valueOf(status);
      String normal = switch (text.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "1", "on" -> "True";
        case "false", "no", "0", "off" -> "False";
        case "unknown" -> "Unknown";
        default -> throw new ModuleException("wait_condition.status must be True, False or Unknown, not `" + text + "`");
      };
      return new Condition(String.valueOf(given.get("type")), normal,
          given.get("reason") == null ? null : String.valueOf(given.get("reason")));
    }

    @Override
    public boolean holds(Map<String, Object> object) {
      Map<?, ?> c = find(object);
      if (c == null) {
        return false;
      }
      String now = String.valueOf(c.get("status"));
      boolean statusMatches = "Unknown".equals(status) ? "Unknown".equals(now)
          : !"Unknown".equals(now) && ("True".equals(now) == "True".equals(status));
      return statusMatches && (reason == null || reason.equals(String.valueOf(c.get("reason"))));
    }

    @Override
    public String state(Map<String, Object> object) {
      Map<?, ?> c = find(object);
      if (c == null) {
        return "no " + type + " condition";
      }
      return type + "=" + c.get("status") + (c.get("reason") == null ? "" : " (" + c.get("reason") + ")");
    }

    @Override
    public String adjective() {
      return type + "=" + status + (reason == null ? "" : " (" + reason + ")");
    }

    private Map<?, ?> find(Map<String, Object> object) {
      if (object.get("status") instanceof Map<?, ?> s && s.get("conditions") instanceof List<?> list) {
        for (Object c : list) {
          if (c instanceof Map<?, ?> m && type.equals(String.valueOf(m.get("type")))) {
            return m;
          }
        }
      }
      return null;
    }
  }
}
