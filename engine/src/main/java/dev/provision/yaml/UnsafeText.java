package dev.provision.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code !unsafe} strings, which are never templated: held as one Jinja raw block
 * ({@code {% raw %}TEXT{% endraw %}}), so that rendering any text that holds one gives TEXT back
 * as written. Values keep the block while they move between variables (a fact set from one stays
 * unsafe), and lose it where a module receives them ({@link #reveal}).
 */
public final class UnsafeText {

  private static final String OPEN = "{% raw %}";
  private static final String CLOSE = "{% endraw %}";

  /**
   * Whether this process has read any unsafe value: until one is read, no variable can hold one,
   * so a condition's variables are not walked for them (conditions are a hot path).
   */
  private static volatile boolean read;

  private UnsafeText() {}

  /** The value of an {@code !unsafe} scalar; null when its text cannot be held this way (it holds {@code endraw}). */
  public static String of(String text) {
    if (text.contains("endraw")) {
      return null;
    }
    read = true;
    return OPEN + text + CLOSE;
  }

  /** Whether {@code value} is exactly one unsafe string. */
  public static boolean is(Object value) {
    return value instanceof String s && s.startsWith(OPEN) && s.endsWith(CLOSE)
        && s.indexOf(OPEN, 1) < 0 && s.indexOf(CLOSE) == s.length() - CLOSE.length();
  }

  /**
   * The variables with every unsafe string in them as its text, for an expression whose result is
   * a value, not a text (a condition, {@code debug: var=}): there nothing renders it again. Only
   * the variables that hold one are copied; {@code hostvars} is left as it is.
   */
  public static Map<String, Object> revealIn(Map<String, Object> vars) {
    if (!read) {
      return vars;
    }
    Map<String, Object> out = null;
    for (Map.Entry<String, Object> e : vars.entrySet()) {
      if (!e.getKey().equals("hostvars") && holds(e.getValue(), 0)) {
        if (out == null) {
          out = new LinkedHashMap<>(vars);
        }
        out.put(e.getKey(), reveal(e.getValue()));
      }
    }
    return out == null ? vars : out;
  }

  private static boolean holds(Object value, int depth) {
    if (value instanceof String s) {
      return s.contains(OPEN) && is(s);
    }
    if (depth > 32) {
      return false;
    }
    if (value instanceof Map<?, ?> map) {
      for (Object v : map.values()) {
        if (holds(v, depth + 1)) {
          return true;
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object v : list) {
        if (holds(v, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code value} with every unsafe string inside it (maps and lists walked) as its text. */
  public static Object reveal(Object value) {
    if (is(value)) {
      String s = (String) value;
      return s.substring(OPEN.length(), s.length() - CLOSE.length());
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, reveal(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(reveal(v)));
      return out;
    }
    return value;
  }
}
