package dev.provision.modules.kube.k8s;

import dev.provision.modules.kube.Normalize;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code diff} a kubernetes.core.k8s task registers under {@code --diff}: Ansible's recursive_diff of
 * the object before and after, {@code {before: ..., after: ...}} holding only the keys that differ (a
 * mapping on both sides is compared key by key, anything else, lists too, as a whole), and {@code {}}
 * when nothing differs. Unlike kubernetes.core, both sides are the objects' content (no resourceVersion,
 * managedFields or status, Secret values masked), so the plan's diff is the apply's.
 */
final class ObjectDiff {

  private ObjectDiff() {}

  static Map<String, Object> of(Map<String, Object> before, Map<String, Object> after) {
    Map<String, Object> left = new LinkedHashMap<>();
    Map<String, Object> right = new LinkedHashMap<>();
    compare(orEmpty(Normalize.masked(before)), orEmpty(Normalize.masked(after)), left, right);
    if (left.isEmpty() && right.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("before", left);
    out.put("after", right);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void compare(Map<String, Object> a, Map<String, Object> b, Map<String, Object> left,
      Map<String, Object> right) {
    a.forEach((key, value) -> {
      if (!b.containsKey(key)) {
        left.put(key, value);
      } else if (value instanceof Map<?, ?> ma && b.get(key) instanceof Map<?, ?> mb) {
        Map<String, Object> l = new LinkedHashMap<>();
        Map<String, Object> r = new LinkedHashMap<>();
        compare((Map<String, Object>) ma, (Map<String, Object>) mb, l, r);
        if (!l.isEmpty()) {
          left.put(key, l);
        }
        if (!r.isEmpty()) {
          right.put(key, r);
        }
      } else if (!Objects.equals(value, b.get(key))) {
        left.put(key, value);
        right.put(key, b.get(key));
      }
    });
    b.forEach((key, value) -> {
      if (!a.containsKey(key)) {
        right.put(key, value);
      }
    });
  }

  private static Map<String, Object> orEmpty(Map<String, Object> object) {
    return object == null ? Map.of() : object;
  }
}
