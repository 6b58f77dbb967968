package dev.provision.modules.kube;

import java.util.Map;
import java.util.Optional;

/** A status condition of a type has a status ({@code Available} is {@code True}), as kubectl wait --for=condition. */
public record ConditionStatus(String type, String status) implements ObjectCheck {

  @Override
  public boolean holds(Map<String, Object> object) {
    return current(object).map(s -> s.equalsIgnoreCase(status)).orElse(false);
  }

  @Override
  public String state(Map<String, Object> object) {
    Optional<String> now = current(object);
    if (now.isEmpty()) {
      return "no " + type + " condition";
    }
    String reason = path(".reason").readText(object).map(r -> " (" + r + ")").orElse("");
    return type + "=" + now.get() + reason;
  }

  @Override
  public String adjective() {
    return type + "=" + status;
  }

  private Optional<String> current(Map<String, Object> object) {
    return path(".status").readText(object);
  }

  private ObjectPath path(String field) {
    return ObjectPath.parse(".status.conditions[type=\"" + type + "\"]" + field);
  }
}
