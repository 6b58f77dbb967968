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
    if (Undefined.is(value)) {
      return null;
    }
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
    if (value instanceof Map.Entry<?, ?> e) {
      // Python's (key, value) pairs: `d.items()`, `dictsort`
      List<Object> pair = new ArrayList<>(2);
      pair.add(plain(e.getKey()));
      pair.add(plain(e.getValue()));
      return pair;
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
    Boolean known = nonTextTruth(value);
    if (known != null) {
      return known;
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

  /** Python's {@code bool()}: what Ansible's tests and filters use (not conditions: see {@link #truthy}). */
  static boolean pythonTruthy(Object value) {
    if (value == null || Undefined.is(value)) {
      return false;
    }
    Boolean known = nonTextTruth(value);
    if (known != null) {
      return known;
    }
    if (value instanceof Object[] a) {
      return a.length > 0;
    }
    return !value.toString().isEmpty();
  }

  /** What both truth rules say of a boolean, number, mapping or collection; null for other values (text). */
  private static Boolean nonTextTruth(Object value) {
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
    return null;
  }

  /** Python's {@code str()}, as Ansible's {@code to_text} gives it: {@code None}, {@code True}, {@code ['a', 1]}. */
  static String pythonStr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return value.toString();
    }
    Object plain = plain(value);
    if (plain instanceof Double d) {
      return pythonFloat(d);
    }
    if (plain instanceof Map || plain instanceof List) {
      return repr(plain, new StringBuilder()).toString();
    }
    return String.valueOf(plain);
  }

  /** Python's {@code repr()} of a plain value: how a list or a mapping prints its items. */
  static StringBuilder repr(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> m) {
      out.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : m.entrySet()) {
        repr(e.getKey(), out.append(sep)).append(": ");
        repr(e.getValue(), out);
        sep = ", ";
      }
      return out.append('}');
    }
    if (value instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        repr(l.get(i), out.append(i == 0 ? "" : ", "));
      }
      return out.append(']');
    }
    if (value instanceof CharSequence cs) {
      String t = cs.toString();
      char quote = t.indexOf('\'') >= 0 && t.indexOf('"') < 0 ? '"' : '\'';
      out.append(quote);
      for (char c : t.toCharArray()) {
        switch (c) {
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\t' -> out.append("\\t");
          case '\r' -> out.append("\\r");
          default -> out.append(c == quote ? "\\" + c : String.valueOf(c));
        }
      }
      return out.append(quote);
    }
    return out.append(pythonStr(value));
  }

  /** Python's text of a float: {@code 1.0}, {@code 2.5}, {@code 1e+20}. */
  static String pythonFloat(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e16) {
      return String.format(java.util.Locale.ROOT, "%.1f", d);
    }
    String s = Double.toString(d);
    if (s.contains("E")) {
      String[] parts = s.split("E");
      String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
      int exp = Integer.parseInt(parts[1]);
      return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return s;
  }
}
