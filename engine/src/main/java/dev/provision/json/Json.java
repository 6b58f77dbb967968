package dev.provision.json;

import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer for events and {@code inventory --list}: maps, collections, arrays of
 * objects, strings, numbers, booleans and null. Keys keep their map's order.
 */
public final class Json {

  private Json() {}

  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, -1, 0);
    return out.toString();
  }

  /** Indented output (like Python's json.dumps(indent=4), which ansible-inventory uses). */
  public static String pretty(Object value, int indent) {
    StringBuilder out = new StringBuilder();
    write(value, out, indent, 0);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out, int indent, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte) {
      out.append(value);
    } else if (value instanceof Double d) {
      out.append(d.isNaN() || d.isInfinite() ? "null" : numberText(d));
    } else if (value instanceof Float f) {
      out.append(numberText(f.doubleValue()));
    } else if (value instanceof Number n) {
      out.append(n);
    } else if (value instanceof Map<?, ?> map) {
      object(map, out, indent, depth);
    } else if (value instanceof Collection<?> list) {
      array(list.toArray(), out, indent, depth);
    } else if (value instanceof Object[] array) {
      array(array, out, indent, depth);
    } else if (value instanceof Enum<?> e) {
      string(e.name().toLowerCase(java.util.Locale.ROOT), out);
    } else {
      string(value.toString(), out);
    }
  }

  private static String numberText(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d) : String.valueOf(d);
  }

  private static void object(Map<?, ?> map, StringBuilder out, int indent, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, indent, depth + 1);
      string(String.valueOf(e.getKey()), out);
      out.append(indent >= 0 ? ": " : ":");
      write(e.getValue(), out, indent, depth + 1);
    }
    newline(out, indent, depth);
    out.append('}');
  }

  private static void array(Object[] items, StringBuilder out, int indent, int depth) {
    if (items.length == 0) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < items.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      newline(out, indent, depth + 1);
      write(items[i], out, indent, depth + 1);
    }
    newline(out, indent, depth);
    out.append(']');
  }

  private static void newline(StringBuilder out, int indent, int depth) {
    if (indent >= 0) {
      out.append('\n').append(" ".repeat(indent * depth));
    }
  }

  public static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f) { // DEL too: a terminal must never receive a raw control character
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
