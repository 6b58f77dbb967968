package dev.provision.yaml;

import dev.provision.json.Json;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plain values written as one line of YAML flow style ({@code {msg: "kernel {{ v }}", var: x}}),
 * for showing a task's arguments where its name is missing. Strings are left plain where YAML
 * would read them back as the same string, and double-quoted otherwise, with JSON's escapes
 * ({@code \n}, {@code \t}, {@code \u007f}: YAML reads them alike), so the text is always one line.
 */
public final class FlowYaml {

  /** Words YAML would read as something other than a string. */
  private static final Pattern NOT_A_STRING = Pattern.compile(
      "(?i)(~|null|true|false|yes|no|on|off|[-+]?(\\d[\\d_]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?|[-+]?\\.(inf)|\\.nan|0x[0-9a-f]+|0o[0-7]+)");

  private FlowYaml() {}

  /** A value as one line of flow YAML. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, true);
    return out.toString();
  }

  /**
   * A top-level string as written after {@code key: } in block style: plain unless it would not
   * read back as itself (so {@code command: uname -r} stays as typed).
   */
  public static String scalar(String text) {
    return needsQuotes(text, false) ? quoted(text) : text;
  }

  private static void write(Object value, StringBuilder out, boolean top) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        out.append(string(String.valueOf(e.getKey())));
        out.append(": ");
        write(e.getValue(), out, false);
        if (it.hasNext()) {
          out.append(", ");
        }
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      Iterator<?> it = list.iterator();
      while (it.hasNext()) {
        write(it.next(), out, false);
        if (it.hasNext()) {
          out.append(", ");
        }
      }
      out.append(']');
    } else if (value instanceof String s) {
      out.append(top ? scalar(s) : string(s));
    } else {
      out.append(value);
    }
  }

  /** A string inside a flow collection, where {@code ,[]{}} also end a plain scalar. */
  private static String string(String s) {
    return needsQuotes(s, true) ? quoted(s) : s;
  }

  private static boolean needsQuotes(String s, boolean inFlow) {
    if (s.isEmpty() || !s.strip().equals(s) || NOT_A_STRING.matcher(s).matches()) {
      return true;
    }
    if ("-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0) {
      return true;
    }
    if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || inFlow && ",[]{}".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** A JSON string is a YAML double-quoted scalar: one escaping for both. */
  private static String quoted(String s) {
    StringBuilder out = new StringBuilder();
    Json.string(s, out);
    return out.toString();
  }
}
