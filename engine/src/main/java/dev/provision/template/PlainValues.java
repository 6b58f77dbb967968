package dev.provision.template;

import com.hubspot.jinjava.objects.SafeString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts what Jinjava returns (PyList, PyMap, Integer, SafeString...) into the plain values the
 * rest of the engine uses (ArrayList, LinkedHashMap, Long, Double, String), and decides Ansible
 * truthiness.
 */
final class PlainValues {

  private PlainValues() {}

  static Object plain(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
        || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof SafeString || value instanceof CharSequence || value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(plain(k)), plain(v)));
      return out;
    }
    if (value instanceof Collection<?> items) {
      List<Object> out = new ArrayList<>(items.size());
      items.forEach(v -> out.add(plain(v)));
      return out;
    }
    if (value instanceof Object[] array) {
      List<Object> out = new ArrayList<>(array.length);
      for (Object v : array) {
        out.add(plain(v));
      }
      return out;
    }
    return value;
  }

  /**
   * Ansible truthiness for conditions. Strings are read as words, so that {@code -e flag=false}
   * (always a string) means false: true/yes/on/1 are true; false/no/off/0/empty are false; any
   * other non-empty string is true.
   */
  static boolean truthy(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    String t = value.toString().trim().toLowerCase(Locale.ROOT);
    return !(t.isEmpty() || t.equals("false") || t.equals("no") || t.equals("off") || t.equals("0")
        || t.equals("n") || t.equals("none"));
  }

  /** A value as a template prints it: Python-like for booleans and null. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return String.valueOf(plain(value));
  }
}
