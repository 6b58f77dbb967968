package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path into an object read as plain maps and lists, as kubectl's jsonpath writes it without braces:
 * {@code .status.phase}, {@code .status.interfaces[0].ipAddress}, {@code .metadata.labels["app.kubernetes.io/name"]},
 * {@code .status.conditions[type=Ready].status} (the first element whose field equals the value),
 * {@code .status.conditions[-1]} (counting from the end).
 */
public final class ObjectPath {

  private sealed interface Step permits Key, Index, Match {}

  private record Key(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Match(String field, String value) implements Step {}

  private final String text;
  private final List<Step> steps;

  private ObjectPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = List.copyOf(steps);
  }

  /** Parses a module parameter's path; a bad one fails the task, naming the parameter. */
  public static ObjectPath param(String name, String text) throws ModuleException {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new ModuleException("`" + name + "`: " + e.getMessage());
    }
  }

  /** Parses a path; throws IllegalArgumentException saying where it is wrong. */
  public static ObjectPath parse(String text) {
    String s = text.strip();
    if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1).strip(); // kubectl's {.status.phase}
    }
    List<Step> steps = new ArrayList<>();
    int i = s.startsWith(".") ? 1 : 0;
    if (s.isEmpty() || s.equals(".")) {
      throw new IllegalArgumentException("empty field path; write it like .status.phase");
    }
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '[') {
        int close = closing(s, i);
        steps.add(bracket(s.substring(i + 1, close).strip(), text));
        i = close + 1;
      } else if (c == '.') {
        if (i + 1 >= s.length() || s.charAt(i + 1) == '.' || s.charAt(i + 1) == '[') {
          throw new IllegalArgumentException("empty name at column " + (i + 1) + " of field path `" + text + "`");
        }
        i++;
      } else {
        int end = i;
        while (end < s.length() && s.charAt(end) != '.' && s.charAt(end) != '[') {
          end++;
        }
        steps.add(new Key(s.substring(i, end)));
        i = end;
      }
    }
    return new ObjectPath(text.strip(), steps);
  }

  private static int closing(String s, int open) {
    char quote = 0;
    for (int j = open + 1; j < s.length(); j++) {
      char c = s.charAt(j);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == ']') {
        return j;
      }
    }
    throw new IllegalArgumentException("`[` at column " + (open + 1) + " is never closed in field path `" + s + "`");
  }

  private static Step bracket(String inside, String text) {
    if (inside.length() >= 2 && (inside.charAt(0) == '"' || inside.charAt(0) == '\'')
        && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
      return new Key(inside.substring(1, inside.length() - 1));
    }
    int eq = inside.indexOf('=');
    if (eq > 0) {
      String value = inside.substring(eq + 1).strip();
      if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      return new Match(inside.substring(0, eq).strip().replaceFirst("^[@.]+", ""), value);
    }
    try {
      return new Index(Integer.parseInt(inside));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("`[" + inside + "]` in field path `" + text
          + "` is neither an index ([0]), a quoted key ([\"a.b\"]) nor a match ([type=Ready])");
    }
  }

  /** The value at this path, or empty when any step is missing. */
  public Optional<Object> read(Object root) {
    Object at = root;
    for (Step step : steps) {
      at = step(step, at);
      if (at == null) {
        return Optional.empty();
      }
    }
    return Optional.of(at);
  }

  private static Object step(Step step, Object at) {
    if (step instanceof Key k) {
      return at instanceof Map<?, ?> m ? m.get(k.name()) : null;
    }
    if (step instanceof Index ix) {
      if (!(at instanceof List<?> l)) {
        return null;
      }
      int i = ix.index() < 0 ? l.size() + ix.index() : ix.index(); // [-1] is the last, as in jsonpath
      return i >= 0 && i < l.size() ? l.get(i) : null;
    }
    Match mt = (Match) step;
    if (!(at instanceof List<?> l)) {
      return null;
    }
    return l.stream().filter(e -> e instanceof Map<?, ?> m && mt.value().equals(text(m.get(mt.field()))))
        .findFirst().orElse(null);
  }

  /** The value as a string ("true", "3", "Deployed"), or empty when missing. */
  public Optional<String> readText(Object root) {
    return read(root).map(ObjectPath::text);
  }

  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }

  @Override
  public String toString() {
    return text;
  }
}
