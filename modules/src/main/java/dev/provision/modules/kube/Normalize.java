package dev.provision.modules.kube;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What "the same object" means for a plan: server bookkeeping (managedFields, resourceVersion,
 * generation, uid, timestamps, status) is dropped, and numbers are compared by value whatever their
 * Java type. Secret values are masked for display, never for comparison.
 */
public final class Normalize {

  private static final Set<String> METADATA_NOISE = Set.of("managedFields", "resourceVersion", "generation",
      "creationTimestamp", "uid", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

  private Normalize() {}

  /** A deep copy with the server's bookkeeping removed: the object's content. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> content(Map<String, Object> object) {
    if (object == null) {
      return null;
    }
    Map<String, Object> copy = (Map<String, Object>) plain(object);
    copy.remove("status");
    if (copy.get("metadata") instanceof Map<?, ?> meta) {
      Map<String, Object> m = (Map<String, Object>) meta;
      METADATA_NOISE.forEach(m::remove);
      if (m.get("annotations") instanceof Map<?, ?> a && a.isEmpty()) {
        m.remove("annotations");
      }
    }
    return copy;
  }

  /** Whether two objects have the same content. */
  public static boolean sameContent(Map<String, Object> a, Map<String, Object> b) {
    return java.util.Objects.equals(content(a), content(b));
  }

  /** The content as YAML for a diff, with Secret values replaced by their length. */
  public static String display(Map<String, Object> object) {
    Map<String, Object> c = masked(object);
    return c == null ? "" : KubeYaml.dump(c);
  }

  /** The content with Secret values replaced by their length: what may be shown or registered as a diff. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> masked(Map<String, Object> object) {
    Map<String, Object> c = content(object);
    if (c == null) {
      return null;
    }
    if ("Secret".equals(c.get("kind"))) {
      for (String key : new String[] {"data", "stringData"}) {
        if (c.get(key) instanceof Map<?, ?> values) {
          Map<String, Object> masked = new LinkedHashMap<>();
          ((Map<String, Object>) values).forEach((k, v) -> masked.put(k, "(hidden, " + String.valueOf(v).length() + " chars)"));
          c.put(key, masked);
        }
      }
    }
    return c;
  }

  /**
   * A deep, mutable copy as plain Java data: String keys, LinkedHashMap, ArrayList, and numbers as
   * Long (whole) or Double, so YAML-, Jackson- and template-made values compare equal.
   */
  public static Object plain(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (value instanceof Float f) {
      return wholeOrDouble(f.doubleValue());
    }
    if (value instanceof Double d) {
      return wholeOrDouble(d);
    }
    if (value instanceof BigDecimal d) {
      return wholeOrDouble(d.doubleValue());
    }
    return value;
  }

  private static Object wholeOrDouble(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9e15 ? (Object) (long) d : d;
  }
}
