package dev.provision.lab.sim;

import java.util.List;
import java.util.Map;

/**
 * The simulation's own reading of object fields, from the maps fabric8 gives (a GenericKubernetesResource's
 * additional properties): it never judges an object with the module code it is there to test.
 */
final class Fields {

  private Fields() {}

  /** The mapping at {@code keys} below {@code root}; empty when any step is missing or no mapping. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> root, String... keys) {
    Object at = root;
    for (String key : keys) {
      at = at instanceof Map<?, ?> m ? m.get(key) : null;
    }
    return at instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The scalar at {@code keys} as text ({@code true}, {@code Running}); null when missing. */
  static String text(Map<String, Object> root, String... keys) {
    Map<String, Object> parent = map(root, java.util.Arrays.copyOf(keys, keys.length - 1));
    Object value = parent.get(keys[keys.length - 1]);
    return value == null || value instanceof Map<?, ?> || value instanceof List<?> ? null : String.valueOf(value);
  }

  /** The {@code status} of the condition of this type in {@code status.conditions}; null when there is none. */
  static String condition(Map<String, Object> object, String type) {
    Object conditions = map(object, "status").get("conditions");
    if (conditions instanceof List<?> list) {
      for (Object c : list) {
        if (c instanceof Map<?, ?> m && type.equals(m.get("type"))) {
          return m.get("status") == null ? null : String.valueOf(m.get("status"));
        }
      }
    }
    return null;
  }
}
