package dev.provision.template;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * YAML text as PyYAML's {@code yaml.dump} writes it for Ansible's {@code to_yaml} (flow style for
 * collections of scalars only) and {@code to_nice_yaml} (block style): keys sorted, sequences in a
 * mapping not indented, texts plain where YAML would read them back as the same text, else in
 * single quotes. Not reproduced: PyYAML's folding of lines past 80 characters.
 */
final class YamlText {

  private static final Pattern NOT_TEXT = Pattern.compile(
      "(?i)~|null|true|false|yes|no|on|off|[-+]?(\\d[\\d_]*)?\\.?\\d[\\d_]*([eE][-+]?\\d+)?|[-+]?\\.(inf|nan)"
          + "|0x[0-9a-f_]+|0o?[0-7_]+|\\d{4}-\\d\\d?-\\d\\d?.*|[-+]?\\d[\\d_]*(:[0-5]?\\d)+(\\.\\d*)?|<<|=");

  private YamlText() {}

  static String write(Object value, int indent, boolean flowLeaves) {
    StringBuilder out = new StringBuilder();
    if (!(value instanceof Map || value instanceof List) || isEmpty(value) || (flowLeaves && leaf(value))) {
      out.append(inline(value));
      out.append('\n');
      if (!(value instanceof Map || value instanceof List) && plainText(value)) {
        out.append("...\n"); // PyYAML ends a document that is one plain scalar
      }
      return out.toString();
    }
    block(value, 0, indent, flowLeaves, out);
    return out.toString();
  }

  private static void block(Object value, int at, int indent, boolean flowLeaves, StringBuilder out) {
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<String, Object> e : sorted(m).entrySet()) {
        indent(out, at);
        out.append(scalar(e.getKey(), false)).append(':');
        Object v = e.getValue();
        if (v instanceof Map && !isEmpty(v) && !(flowLeaves && leaf(v))) {
          out.append('\n');
          block(v, at + indent, indent, flowLeaves, out);
        } else if (v instanceof List && !isEmpty(v) && !(flowLeaves && leaf(v))) {
          out.append('\n');
          block(v, at, indent, flowLeaves, out); // PyYAML does not indent a sequence in a mapping
        } else {
          out.append(' ').append(inline(v)).append('\n');
        }
      }
    } else if (value instanceof List<?> l) {
      for (Object item : l) {
        indent(out, at);
        out.append('-');
        if ((item instanceof Map || item instanceof List) && !isEmpty(item) && !(flowLeaves && leaf(item))) {
          out.append(" ".repeat(Math.max(1, indent - 1)));
          block(item, at + indent, indent, flowLeaves, out);
        } else {
          out.append(' ').append(inline(item)).append('\n');
        }
      }
    }
  }

  /** At the start of a line, the indentation; right after a {@code -} of a sequence, nothing. */
  private static void indent(StringBuilder out, int at) {
    if (out.length() == 0 || out.charAt(out.length() - 1) == '\n') {
      out.append(" ".repeat(at));
    }
  }

  private static Map<String, Object> sorted(Map<?, ?> m) {
    Map<String, Object> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static boolean isEmpty(Object v) {
    return (v instanceof Map<?, ?> m && m.isEmpty()) || (v instanceof List<?> l && l.isEmpty());
  }

  private static boolean leaf(Object v) {
    if (v instanceof Map<?, ?> m) {
      return m.values().stream().noneMatch(x -> x instanceof Map || x instanceof List);
    }
    return v instanceof List<?> l && l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
  }

  private static String inline(Object v) {
    if (v instanceof Map<?, ?> m) {
      StringBuilder out = new StringBuilder("{");
      sorted(m).forEach((k, x) -> out.append(out.length() > 1 ? ", " : "").append(scalar(k, true)).append(": ")
          .append(inline(x)));
      return out.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder out = new StringBuilder("[");
      l.forEach(x -> out.append(out.length() > 1 ? ", " : "").append(inline(x)));
      return out.append(']').toString();
    }
    return scalar(v, true);
  }

  private static boolean plainText(Object v) {
    return v instanceof String s && scalar(s, false).equals(s);
  }

  private static String scalar(Object v, boolean flow) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (v instanceof Double d) {
      return d.isNaN() ? ".nan" : d.isInfinite() ? (d > 0 ? ".inf" : "-.inf") : PlainValues.pythonFloat(d);
    }
    if (v instanceof Number) {
      return String.valueOf(v);
    }
    String s = String.valueOf(v);
    boolean plain = !s.isEmpty() && !NOT_TEXT.matcher(s).matches() && s.strip().equals(s)
        && "-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) < 0 && !s.contains(": ") && !s.contains(" #")
        && !s.endsWith(":") && s.chars().allMatch(c -> c >= 0x20 && c != 0x7f)
        && !(flow && s.chars().anyMatch(c -> ",[]{}".indexOf(c) >= 0));
    if ((s.startsWith("-") || s.startsWith("?") || s.startsWith(":")) && s.length() > 1 && s.charAt(1) != ' '
        && !NOT_TEXT.matcher(s).matches() && !s.contains(": ") && !s.contains(" #") && s.strip().equals(s)
        && !(flow && s.chars().anyMatch(c -> ",[]{}".indexOf(c) >= 0)) && s.chars().allMatch(c -> c >= 0x20)) {
      plain = true;
    }
    if (plain) {
      return s;
    }
    if (s.chars().allMatch(c -> c >= 0x20 && c != 0x7f || c == '\n')) {
      return "'" + s.replace("'", "''").replace("\n", "\n\n") + "'";
    }
    return dev.provision.json.Json.write(s);
  }
}
