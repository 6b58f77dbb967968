package dev.provision.modules.kube;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The order objects are applied in: Namespaces, then CustomResourceDefinitions, then the rest in
 * manifest order (so custom resources come after the CRDs that define them). Deletion is the
 * reverse: the rest first, namespaces last.
 */
public final class ApplyOrder {

  private ApplyOrder() {}

  public static List<Map<String, Object>> forApply(List<Map<String, Object>> objects) {
    List<Map<String, Object>> out = new ArrayList<>();
    objects.stream().filter(o -> rank(o) == 0).forEach(out::add);
    objects.stream().filter(o -> rank(o) == 1).forEach(out::add);
    objects.stream().filter(o -> rank(o) == 2).forEach(out::add);
    return out;
  }

  public static List<Map<String, Object>> forDelete(List<Map<String, Object>> objects) {
    List<Map<String, Object>> out = new ArrayList<>(forApply(objects));
    Collections.reverse(out);
    return out;
  }

  static boolean isNamespace(Map<String, Object> o) {
    return "Namespace".equals(o.get("kind")) && "v1".equals(o.get("apiVersion"));
  }

  static boolean isCrd(Map<String, Object> o) {
    return "CustomResourceDefinition".equals(o.get("kind"))
        && String.valueOf(o.get("apiVersion")).startsWith("apiextensions.k8s.io/");
  }

  private static int rank(Map<String, Object> o) {
    return isNamespace(o) ? 0 : isCrd(o) ? 1 : 2;
  }
}
