package dev.provision.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Python's reading of values as collections, which Ansible's tests and filters use: a string is
 * its characters, a mapping its keys; {@code in} looks for a substring in text; {@code 1 == 1.0 == True}.
 */
final class PythonCollections {

  private PythonCollections() {}

  /** What {@code for x in value} gives in Python. */
  static List<Object> elements(Object value) {
    if (value instanceof CharSequence s) {
      List<Object> out = new ArrayList<>();
      s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
      return out;
    }
    if (value instanceof Map<?, ?> m) {
      return new ArrayList<>(m.keySet());
    }
    if (value instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    if (value instanceof Iterable<?> it) {
      List<Object> out = new ArrayList<>();
      it.forEach(out::add);
      return out;
    }
    if (value instanceof Object[] a) {
      return new ArrayList<>(List.of(a));
    }
    throw new IllegalArgumentException("'" + pythonType(value) + "' object is not iterable");
  }

  /** Python's {@code item in container}. */
  static boolean contains(Object container, Object item) {
    if (container instanceof CharSequence s) {
      if (!(item instanceof CharSequence)) {
        throw new IllegalArgumentException("'in <string>' requires string as left operand, not " + pythonType(item));
      }
      return s.toString().contains(item.toString());
    }
    if (container instanceof Map<?, ?> m) {
      return m.keySet().stream().anyMatch(k -> pythonEquals(k, item));
    }
    return elements(container).stream().anyMatch(x -> pythonEquals(x, item));
  }

  /** Python's {@code ==}: numbers by value (booleans are 0 and 1), lists and mappings deeply. */
  static boolean pythonEquals(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    Double x = number(a);
    Double y = number(b);
    if (x != null && y != null) {
      return x.equals(y);
    }
    if (a instanceof CharSequence && b instanceof CharSequence) {
      return a.toString().equals(b.toString());
    }
    if (a instanceof Map<?, ?> m && b instanceof Map<?, ?> n) {
      if (m.size() != n.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object key = n.keySet().stream().filter(k -> pythonEquals(k, e.getKey())).findFirst().orElse(null);
        if (key == null && !n.containsKey(null) || !pythonEquals(e.getValue(), n.get(key))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> l && b instanceof List<?> r) {
      if (l.size() != r.size()) {
        return false;
      }
      for (int i = 0; i < l.size(); i++) {
        if (!pythonEquals(l.get(i), r.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static Double number(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    return v instanceof Number n ? n.doubleValue() : null;
  }

  static String pythonType(Object v) {
    if (v == null) {
      return "NoneType";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Long || v instanceof Integer) {
      return "int";
    }
    if (v instanceof Double || v instanceof Float) {
      return "float";
    }
    if (v instanceof CharSequence) {
      return "str";
    }
    if (v instanceof Map) {
      return "dict";
    }
    if (v instanceof Collection) {
      return "list";
    }
    return v.getClass().getSimpleName();
  }
}
