package dev.provision.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.provision.diag.Diagnostics;
import dev.provision.json.Json;
import dev.provision.yaml.ScalarTypes;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ansible filters people expect, registered over Jinjava's own where the semantics differ
 * (Jinjava's {@code default} turns numbers into strings, its {@code bool} ignores yes/no, its
 * {@code regex_replace} uses {@code $1} instead of {@code \1}).
 */
final class AnsibleFilters {

  @FunctionalInterface
  interface Body {
    Object apply(Object value, Object[] args, Map<String, Object> kwargs);
  }

  private AnsibleFilters() {}

  static void registerAll(Context context) {
    Body defaultFilter = (v, a, kw) -> {
      Object fallback = arg(a, 0, "");
      boolean falsy = PlainValues.truthy(arg(a, 1, kw.getOrDefault("boolean", false)));
      // as Ansible: only an undefined value (not null) gets the default, unless `boolean` asks for falsy ones too
      return Undefined.is(v) || (falsy && !PlainValues.pythonTruthy(v)) ? fallback : v;
    };
    register(context, "default", defaultFilter);
    register(context, "d", defaultFilter);
    register(context, "bool", (v, a, kw) -> v == null || v instanceof Boolean ? v
        : ScalarTypes.isTruthyWord(PlainValues.text(v)));
    register(context, "int", (v, a, kw) -> {
      Object base = arg(a, 1, kw.get("base"));
      if (base != null && v instanceof CharSequence s) {
        // Python's int(text, base): a 0x/0o/0b prefix that matches the base is allowed
        String t = s.toString().strip().toLowerCase(java.util.Locale.ROOT).replaceFirst("^0[xob]", "");
        try {
          return Long.parseLong(t, (int) toLong(base, 10L));
        } catch (NumberFormatException e) {
          return toLong(arg(a, 0, kw.getOrDefault("default", 0L)), 0L);
        }
      }
      return toLong(v, arg(a, 0, kw.getOrDefault("default", 0L)));
    });
    register(context, "float", (v, a, kw) -> toDouble(v, arg(a, 0, 0.0)));
    register(context, "string", (v, a, kw) -> PlainValues.text(v));
    register(context, "regex_replace", (v, a, kw) -> {
      String pattern = String.valueOf(arg(a, 0, ""));
      String replacement = pythonReplacement(String.valueOf(arg(a, 1, "")));
      return Pattern.compile(pattern, flags(kw)).matcher(PlainValues.text(v)).replaceAll(replacement);
    });
    register(context, "regex_search", AnsibleFilters::regexSearch);
    register(context, "to_json", (v, a, kw) -> pythonJson(PlainValues.plain(v), new StringBuilder()).toString());
    register(context, "to_nice_json", (v, a, kw) -> Json.pretty(PlainValues.plain(v), (int) toLong(kw.get("indent"), 4L)));
    register(context, "from_json", (v, a, kw) -> fromJson(PlainValues.text(v)));
    register(context, "b64encode", (v, a, kw) ->
        Base64.getEncoder().encodeToString(PlainValues.text(v).getBytes(StandardCharsets.UTF_8)));
    register(context, "b64decode", (v, a, kw) ->
        new String(Base64.getMimeDecoder().decode(PlainValues.text(v).trim()), StandardCharsets.UTF_8));
    // uname -m names to the Go/Debian names release downloads use (virtctl-...-linux-amd64)
    register(context, "goarch", (v, a, kw) -> switch (PlainValues.text(v)) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "armv7l", "armv7", "armhf" -> "arm";
      case "i386", "i686" -> "386";
      default -> PlainValues.text(v);
    });
    register(context, "basename", (v, a, kw) -> {
      String p = PlainValues.text(v);
      return p.substring(p.lastIndexOf('/') + 1);
    });
    register(context, "dirname", (v, a, kw) -> {
      String p = PlainValues.text(v);
      int slash = p.lastIndexOf('/');
      return slash < 0 ? "" : slash == 0 ? "/" : p.substring(0, slash);
    });
    register(context, "mandatory", (v, a, kw) -> {
      if (Undefined.is(v)) {
        throw new InterpretException(String.valueOf(arg(a, 0, "Mandatory variable not defined.")));
      }
      return v;
    });
    register(context, "ternary", (v, a, kw) -> {
      if (v == null && a.length > 2) {
        return a[2];
      }
      return PlainValues.truthy(v) ? arg(a, 0, null) : arg(a, 1, null);
    });
    register(context, "dict2items", (v, a, kw) -> {
      String key = String.valueOf(kw.getOrDefault("key_name", "key"));
      String value = String.valueOf(kw.getOrDefault("value_name", "value"));
      List<Object> out = new ArrayList<>();
      if (v instanceof Map<?, ?> m) {
        m.forEach((k, val) -> {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put(key, k);
          item.put(value, val);
          out.add(item);
        });
      }
      return out;
    });
    register(context, "items2dict", (v, a, kw) -> {
      String key = String.valueOf(kw.getOrDefault("key_name", "key"));
      String value = String.valueOf(kw.getOrDefault("value_name", "value"));
      Map<String, Object> out = new LinkedHashMap<>();
      if (v instanceof Iterable<?> items) {
        for (Object item : items) {
          if (item instanceof Map<?, ?> m) {
            out.put(String.valueOf(m.get(key)), m.get(value));
          }
        }
      }
      return out;
    });
  }

  private static void register(Context context, String name, Body body) {
    context.registerFilter(new Filter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return body.apply(var, args, Map.of());
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        return body.apply(var, args == null ? new Object[0] : args, kwargs == null ? Map.of() : kwargs);
      }
    });
  }

  private static Object arg(Object[] args, int index, Object fallback) {
    return args.length > index ? args[index] : fallback;
  }

  private static long toLong(Object v, Object fallback) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      String t = PlainValues.text(v).trim();
      return t.contains(".") ? (long) Double.parseDouble(t) : Long.parseLong(t);
    } catch (NumberFormatException e) {
      return fallback instanceof Number n ? n.longValue() : 0L;
    }
  }

  private static double toDouble(Object v, Object fallback) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(PlainValues.text(v).trim());
    } catch (NumberFormatException e) {
      return fallback instanceof Number n ? n.doubleValue() : 0.0;
    }
  }

  private static int flags(Map<String, Object> kwargs) {
    int flags = 0;
    if (PlainValues.truthy(kwargs.get("ignorecase"))) {
      flags |= Pattern.CASE_INSENSITIVE;
    }
    if (PlainValues.truthy(kwargs.get("multiline"))) {
      flags |= Pattern.MULTILINE;
    }
    return flags;
  }

  /** Python's {@code \1} and {@code \g<name>} back-references, as Java's {@code $1}, {@code ${name}}. */
  static String pythonReplacement(String replacement) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '\\' && i + 1 < replacement.length()) {
        char next = replacement.charAt(i + 1);
        if (Character.isDigit(next)) {
          out.append('$').append(next);
          i++;
          continue;
        }
        if (next == 'g' && i + 2 < replacement.length() && replacement.charAt(i + 2) == '<') {
          int end = replacement.indexOf('>', i);
          if (end > 0) {
            out.append("${").append(replacement, i + 3, end).append('}');
            i = end;
            continue;
          }
        }
        out.append("\\\\");
        continue;
      }
      out.append(c == '$' ? "\\$" : String.valueOf(c));
    }
    return out.toString();
  }

  /** The first match, or null; with group arguments ({@code '\\1'}, {@code '\\g<n>'}) a list of groups. */
  private static Object regexSearch(Object v, Object[] args, Map<String, Object> kwargs) {
    Matcher m = Pattern.compile(String.valueOf(arg(args, 0, "")), flags(kwargs)).matcher(PlainValues.text(v));
    if (!m.find()) {
      return null;
    }
    if (args.length <= 1) {
      return m.group();
    }
    List<Object> groups = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String g = String.valueOf(args[i]);
      if (g.startsWith("\\g<") && g.endsWith(">")) {
        groups.add(m.group(g.substring(3, g.length() - 1)));
      } else {
        groups.add(m.group(Integer.parseInt(g.replace("\\", ""))));
      }
    }
    return groups;
  }

  /** Python's {@code json.dumps}: {@code ", "} and {@code ": "} between items, non-ASCII escaped. */
  private static StringBuilder pythonJson(Object v, StringBuilder out) {
    if (v instanceof Map<?, ?> m) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.append(first ? "" : ", ");
        first = false;
        pythonJson(String.valueOf(e.getKey()), out).append(": ");
        pythonJson(e.getValue(), out);
      }
      return out.append('}');
    }
    if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        pythonJson(l.get(i), out.append(i == 0 ? "" : ", "));
      }
      return out.append(']');
    }
    if (v instanceof String s) {
      StringBuilder quoted = new StringBuilder();
      Json.string(s, quoted);
      quoted.codePoints().forEach(c -> {
        if (c < 0x80) {
          out.append((char) c);
        } else {
          for (char unit : Character.toChars(c)) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) unit));
          }
        }
      });
      return out;
    }
    if (v instanceof Double d) {
      return out.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : PlainValues.pythonFloat(d));
    }
    return out.append(v == null ? "null" : String.valueOf(v));
  }

  private static Object fromJson(String text) {
    Diagnostics problems = new Diagnostics();
    List<YNode> docs = YamlReader.readAll("from_json", text, problems);
    if (problems.hasErrors() || docs.size() != 1) {
      throw new InterpretException("from_json: not valid JSON: " + text);
    }
    return docs.get(0).toPlain();
  }
}
