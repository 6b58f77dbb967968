package dev.provision.playbook;

import dev.provision.connection.Durations;
import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the typed value of one play or task keyword, reporting a wrong type with the value's span.
 * Each reader returns null (or the fallback) after reporting, so parsing goes on and every problem
 * is found in one pass.
 */
final class Keywords {

  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Words Jinjava's expression language reserves: a variable with such a name cannot be read. */
  static final java.util.Set<String> RESERVED = java.util.Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le",
      "ge", "true", "false", "null", "instanceof", "empty", "div", "mod", "in", "is", "if", "else");

  private final Diagnostics out;

  Keywords(Diagnostics out) {
    this.out = out;
  }

  /** Where this reader reports. */
  Diagnostics out() {
    return out;
  }

  String string(String key, YNode value) {
    if (value instanceof YScalar s && !s.isNull()) {
      Object plain = s.toPlain();
      return plain instanceof String str ? str : s.text();
    }
    out.error(value.span(), "`" + key + "` must be a string, not " + value.kind(), null);
    return null;
  }

  Boolean bool(String key, YNode value) {
    if (value instanceof YScalar s) {
      Object plain = s.toPlain();
      if (plain instanceof Boolean b) {
        return b;
      }
      if (plain instanceof String str && !s.plain()) {
        String t = str.trim().toLowerCase(java.util.Locale.ROOT);
        if (List.of("true", "yes", "on").contains(t)) {
          return true;
        }
        if (List.of("false", "no", "off").contains(t)) {
          return false;
        }
      }
    }
    out.error(value.span(), "`" + key + "` must be true or false, not " + describe(value),
        templated(value) ? "templates are not allowed in `" + key + "`; write true or false" : "write true or false");
    return null;
  }

  Integer count(String key, YNode value) {
    if (value instanceof YScalar s) {
      Object plain = s.toPlain();
      if (plain instanceof String str && str.trim().matches("\\d+")) {
        plain = Long.parseLong(str.trim());
      }
      if (plain instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
        return l.intValue();
      }
    }
    out.error(value.span(), "`" + key + "` must be a whole number, not " + describe(value),
        templated(value) ? "templates are not allowed in `" + key + "`; write a number such as 3" : "write a number such as 3");
    return null;
  }

  /** A duration as {@link Durations} reads it: 30, 0.5, "30s", "5m", "1h30m", "500ms", "1.5s". */
  Duration duration(String key, YNode value) {
    if (value instanceof YScalar s && !s.isNull() && !templated(value)) {
      try {
        return Durations.of(s.toPlain());
      } catch (IllegalArgumentException e) {
        // reported below, with the value's span
      }
    }
    out.error(value.span(), "`" + key + "` must be a duration, not " + describe(value),
        "write seconds or a number with a unit: " + Durations.EXAMPLES);
    return null;
  }

  /**
   * {@code connection}: {@code local}, or {@code ssh} (Ansible's {@code smart} and {@code paramiko} are
   * ssh here), as written; a template is checked when the task runs. Ansible's other connection
   * plugins are not supported yet.
   */
  String connection(String key, YNode value) {
    String written = string(key, value);
    if (written == null || templated(value) || Reach.type(written) != null) {
      return written == null ? null : written.strip();
    }
    String t = written.strip();
    boolean ansible = Reach.ANSIBLE_TYPES.contains(t) || t.matches("[a-z0-9_]+\\.[a-z0-9_]+\\.[a-z0-9_]+");
    out.error(value.span(), ansible ? "the connection `" + t + "` is not supported yet"
        : "unknown connection `" + t + "`", "write `" + key + ": local` (the control node) or `" + key + ": ssh`");
    return null;
  }

  /**
   * {@code environment}: a mapping of variable names to values (templates allowed), or one template
   * that gives such a mapping when the task runs. Returns the node, or null after reporting.
   */
  YNode environment(String key, YNode value) {
    if (templated(value) || value instanceof YScalar s && s.isNull()) {
      return value;
    }
    if (!(value instanceof YMap map)) {
      out.error(value.span(), "`" + key + "` must be a mapping of environment variables to values, not "
          + value.kind(), "write `" + key + ": {HTTPS_PROXY: \"http://proxy:3128\"}`");
      return null;
    }
    boolean ok = true;
    for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
      if (!IDENTIFIER.matcher(e.getKey()).matches()) {
        out.error(map.keySpan(e.getKey()), "`" + e.getKey() + "` is not a valid environment variable name",
            "use letters, digits and underscores, starting with a letter or underscore");
        ok = false;
      } else if (!(e.getValue() instanceof YScalar)) {
        out.error(e.getValue().span(), "the value of `" + e.getKey() + "` must be a string, not " + e.getValue().kind(),
            "write `" + e.getKey() + ": value`");
        ok = false;
      }
    }
    return ok ? value : null;
  }

  /**
   * {@code inner}'s environment over {@code outer}'s, variable by variable (either may be null); a
   * template, which gives its mapping only when the task runs, replaces the outer one whole.
   */
  static YNode mergeEnvironment(YNode outer, YNode inner) {
    if (inner == null || inner instanceof YScalar s && s.isNull()) {
      return outer;
    }
    if (!(outer instanceof YMap o) || !(inner instanceof YMap i)) {
      return inner;
    }
    Map<String, YNode> entries = new LinkedHashMap<>(o.entries());
    Map<String, dev.provision.diag.SourceSpan> keys = new LinkedHashMap<>();
    o.keySet().forEach(k -> keys.put(k, o.keySpan(k)));
    i.entries().forEach((k, v) -> {
      entries.put(k, v);
      keys.put(k, i.keySpan(k));
    });
    return new YMap(entries, keys, i.span());
  }

  /** {@code port}: a port number (1-65535), or a template checked when the task runs. */
  String port(String key, YNode value) {
    if (templated(value)) {
      return ((YScalar) value).text();
    }
    Integer n = value instanceof YScalar s && !s.isNull() && s.toPlain() instanceof Long l && l >= 1 && l <= 65535
        ? l.intValue() : null;
    if (n == null) {
      out.error(value.span(), "`" + key + "` must be a port number from 1 to 65535, not " + describe(value),
          "write `" + key + ": 22`");
      return null;
    }
    return String.valueOf(n);
  }

  /** A string, or a list of strings; a string with commas is split, as Ansible splits tags. */
  List<String> strings(String key, YNode value, boolean splitCommas) {
    List<String> result = new ArrayList<>();
    if (value instanceof YScalar s && !s.isNull()) {
      for (String part : splitCommas ? s.text().split(",") : new String[] {s.text()}) {
        if (!part.isBlank()) {
          result.add(part.trim());
        }
      }
      return result;
    }
    if (value instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        if (item instanceof YScalar s && !s.isNull()) {
          result.add(s.text());
        } else {
          out.error(item.span(), "each item of `" + key + "` must be a string, not " + item.kind(), null);
        }
      }
      return result;
    }
    if (value instanceof YScalar s && s.isNull()) {
      return result;
    }
    out.error(value.span(), "`" + key + "` must be a string or a list of strings, not " + value.kind(), null);
    return result;
  }

  /**
   * A condition: a bare expression, true/false, or a list of expressions that must all hold (as
   * in Ansible). A list is joined with {@code and}. Returns null after reporting a wrong shape.
   */
  String condition(String key, YNode value) {
    if (value instanceof YScalar s && !s.isNull()) {
      Object plain = s.toPlain();
      return plain instanceof Boolean b ? (b ? "true" : "false") : s.text().trim();
    }
    if (value instanceof YSeq seq && !seq.items().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (YNode item : seq.items()) {
        String one = condition(key, item);
        if (one != null) {
          parts.add(seq.items().size() == 1 ? one : "(" + one + ")");
        }
      }
      return parts.size() == seq.items().size() ? String.join(" and ", parts) : null;
    }
    out.error(value.span(), "`" + key + "` must be a condition (an expression such as `x == 1`) or a list of them, not "
        + value.kind(), null);
    return null;
  }

  /** {@code vars}: a mapping whose keys are valid variable names. */
  Map<String, Object> vars(String key, YNode value) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (value instanceof YScalar s && s.isNull()) {
      return result;
    }
    if (!(value instanceof YMap map)) {
      out.error(value.span(), "`" + key + "` must be a mapping of variable names to values, not " + value.kind(),
          "write `name: value` lines under `" + key + ":`");
      return result;
    }
    map.entries().forEach((name, v) -> {
      if (!IDENTIFIER.matcher(name).matches()) {
        out.error(map.keySpan(name), "`" + name + "` is not a valid variable name",
            "use letters, digits and underscores, starting with a letter or underscore");
      } else if (RESERVED.contains(name)) {
        out.error(map.keySpan(name), "`" + name + "` is a reserved word in templates", "choose another name");
      } else {
        result.put(name, v.toPlain());
      }
    });
    return result;
  }

  static boolean templated(YNode value) {
    return value instanceof YScalar s && (s.text().contains("{{") || s.text().contains("{%"));
  }

  private static String describe(YNode value) {
    if (value instanceof YScalar s && !s.isNull()) {
      return "`" + s.text() + "`";
    }
    return value.kind();
  }
}
