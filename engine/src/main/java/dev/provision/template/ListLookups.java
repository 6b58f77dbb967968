package dev.provision.template;

import com.hubspot.jinjava.interpret.InterpretException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lookups that only reshape their terms, never read the controller: {@code items},
 * {@code indexed_items}, {@code flattened}, {@code together}, {@code nested} ({@code cartesian}),
 * {@code dict}, {@code subelements}, {@code sequence} and {@code random_choice}. One place for both
 * uses: {@code lookup()}/{@code query()} and the loop keywords {@code with_NAME} (whose items are
 * the lookup's list, as in Ansible). Errors are Ansible's words.
 */
public final class ListLookups {

  /** The lookups here. */
  static final List<String> NAMES = List.of("items", "indexed_items", "flattened", "together", "nested", "cartesian",
      "dict", "subelements", "sequence", "random_choice");

  private static final String NUM = "(0?x?[0-9a-f]+)";
  private static final Pattern SHORTCUT = Pattern.compile("^(" + NUM + "-)?" + NUM + "(/" + NUM + ")?(:(.+))?$",
      Pattern.CASE_INSENSITIVE);

  private ListLookups() {}

  /**
   * The items of the loop keyword {@code kind} ({@code loop}, {@code with_items}...) over the
   * rendered value: a list, or a mapping for {@code with_dict}. Null when the value has the wrong
   * shape (the caller says so).
   */
  public static List<Object> loop(Object rendered, String kind) {
    if (kind.equals("with_dict")) {
      return rendered instanceof Map<?, ?> map ? dictItems(map) : null;
    }
    if (!(rendered instanceof List<?> list)) {
      return null;
    }
    return switch (kind) {
      case "loop", "with_list" -> new ArrayList<>(list);
      default -> run(kind.substring("with_".length()), new ArrayList<>(list));
    };
  }

  /** Lookup {@code name} ({@link #NAMES}) over its terms, as a list. */
  static List<Object> run(String name, List<Object> terms) {
    List<Object> out = new ArrayList<>();
    switch (name) {
      case "items", "indexed_items" -> {
        for (Object term : terms) {
          if (term instanceof List<?> inner) {
            out.addAll(inner);
          } else {
            out.add(term);
          }
        }
        if (name.equals("indexed_items")) {
          for (int i = 0; i < out.size(); i++) {
            out.set(i, Arrays.asList((long) i, out.get(i)));
          }
        }
      }
      case "flattened" -> flattenAll(terms, out);
      case "together" -> {
        int longest = terms.stream().mapToInt(l -> l instanceof List<?> x ? x.size() : 1).max().orElse(0);
        for (int i = 0; i < longest; i++) {
          List<Object> row = new ArrayList<>();
          for (Object l : terms) {
            List<?> x = l instanceof List<?> y ? y : List.of(l);
            row.add(i < x.size() ? x.get(i) : null); // Python's zip_longest pads with None
          }
          out.add(row);
        }
      }
      case "nested", "cartesian" -> {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of());
        for (Object l : terms) {
          List<?> x = l instanceof List<?> y ? y : List.of(l);
          List<List<Object>> next = new ArrayList<>();
          for (List<Object> row : rows) {
            for (Object v : x) {
              List<Object> r = new ArrayList<>(row);
              r.add(v);
              next.add(r);
            }
          }
          rows = next;
        }
        out.addAll(terms.isEmpty() ? List.of() : rows);
      }
      case "dict" -> {
        for (Object term : terms) {
          if (!(term instanceof Map<?, ?> m)) {
            throw new InterpretException("with_dict expects a dict");
          }
          out.addAll(dictItems(m));
        }
      }
      case "subelements" -> out.addAll(subelements(terms, true));
      case "sequence" -> {
        for (Object term : terms) {
          out.addAll(sequence(PlainValues.text(term)));
        }
      }
      case "random_choice" -> {
        if (!terms.isEmpty()) {
          out.add(terms.get(ThreadLocalRandom.current().nextInt(terms.size())));
        }
      }
      default -> throw new IllegalStateException(name);
    }
    return out;
  }

  private static List<Object> dictItems(Map<?, ?> map) {
    List<Object> out = new ArrayList<>();
    map.forEach((k, v) -> {
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("key", k);
      pair.put("value", v);
      out.add(pair);
    });
    return out;
  }

  private static void flattenAll(List<?> list, List<Object> out) {
    for (Object item : list) {
      if (item instanceof List<?> inner) {
        flattenAll(inner, out);
      } else {
        out.add(item);
      }
    }
  }

  /**
   * {@code [list_of_mappings, 'key.path', {skip_missing: bool}]}: one {@code [element, sub]} pair
   * per item of each element's list at the path. A mapping instead of the list gives its values;
   * skipped elements (a skipped registered result) are left out. The lookup ({@code pop}) takes the
   * list out of the element it pairs it with, the filter does not.
   */
  static List<Object> subelements(List<Object> terms, boolean pop) {
    String usage = "subelements lookup expects a list of two or three items, ";
    if (terms.size() < 2 || terms.size() > 3) {
      throw new InterpretException(usage);
    }
    Object first = terms.get(0);
    if (!(first instanceof List<?> || first instanceof Map<?, ?>) || !(terms.get(1) instanceof CharSequence)) {
      throw new InterpretException(usage + "first a dict or a list, second a string pointing to the subkey");
    }
    boolean skipMissing = false;
    if (terms.size() == 3) {
      if (!(terms.get(2) instanceof Map<?, ?> flags) || !flags.keySet().stream().allMatch("skip_missing"::equals)) {
        throw new InterpretException(usage + "the optional third item must be a dict with flags ['skip_missing']");
      }
      skipMissing = PlainValues.truthy(flags.get("skip_missing"));
    }
    List<?> elements;
    if (first instanceof Map<?, ?> m) {
      if (PlainValues.pythonTruthy(m.get("skipped"))) {
        return List.of();
      }
      elements = new ArrayList<>(m.values());
    } else {
      elements = (List<?>) first;
    }
    String[] path = PlainValues.text(terms.get(1)).split("\\.");
    List<Object> out = new ArrayList<>();
    for (Object element : elements) {
      if (!(element instanceof Map<?, ?> e)) {
        throw new InterpretException("subelements lookup expects a dictionary, got '" + PlainValues.pythonStr(element) + "'");
      }
      if (PlainValues.pythonTruthy(e.get("skipped"))) {
        continue;
      }
      Object at = e;
      List<?> sub = List.of();
      for (int i = 0; i < path.length; i++) {
        Map<?, ?> here = (Map<?, ?>) at;
        if (!here.containsKey(path[i])) {
          if (skipMissing) {
            break;
          }
          throw new InterpretException("could not find '" + path[i] + "' key in iterated item '"
              + PlainValues.pythonStr(here) + "'");
        }
        Object v = here.get(path[i]);
        if (i < path.length - 1) {
          if (!(v instanceof Map<?, ?>)) {
            if (skipMissing) {
              break;
            }
            throw new InterpretException("the key " + path[i] + " should point to a dictionary, got '"
                + PlainValues.pythonStr(v) + "'");
          }
          at = v;
        } else if (!(v instanceof List<?> l)) {
          throw new InterpretException("the key " + path[i] + " should point to a list, got '" + PlainValues.pythonStr(v) + "'");
        } else {
          sub = l;
        }
      }
      Object paired = sub.isEmpty() || !pop ? e : without(e, path, 0);
      for (Object s : sub) {
        out.add(Arrays.asList(paired, s));
      }
    }
    return out;
  }

  /** A copy of {@code map} without the key at the end of {@code path} (the maps on the way copied too). */
  private static Map<Object, Object> without(Map<?, ?> map, String[] path, int at) {
    Map<Object, Object> copy = new LinkedHashMap<>(map);
    if (at == path.length - 1) {
      copy.remove(path[at]);
    } else {
      copy.put(path[at], without((Map<?, ?>) map.get(path[at]), path, at + 1));
    }
    return copy;
  }

  /** One term of {@code sequence}: {@code start=1 end=5 stride=1 format=%d} (or count=), or {@code [start-]end[/stride][:format]}. */
  static List<Object> sequence(String term) {
    long start = 1;
    Long end = null;
    Long count = null;
    long stride = 1;
    String format = "%d";
    Matcher m = SHORTCUT.matcher(term.strip());
    if (m.matches()) {
      start = m.group(2) != null ? integer("start", m.group(2)) : start;
      end = integer("end", m.group(3));
      stride = m.group(5) != null ? integer("stride", m.group(5)) : stride;
      format = m.group(7) != null ? m.group(7) : format;
    } else {
      for (String word : term.strip().split("\\s+")) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
          throw new InterpretException("unrecognized arguments to with_sequence: " + word);
        }
        String key = word.substring(0, eq);
        String value = unquote(word.substring(eq + 1));
        switch (key) {
          case "start" -> start = integer(key, value);
          case "end" -> end = integer(key, value);
          case "count" -> count = integer(key, value);
          case "stride" -> stride = integer(key, value);
          case "format" -> format = value;
          default -> throw new InterpretException("unrecognized arguments to with_sequence: ['" + key + "']");
        }
      }
    }
    if (count == null && end == null) {
      throw new InterpretException("must specify count or end in with_sequence");
    }
    if (count != null && end != null) {
      throw new InterpretException("can't specify both count and end in with_sequence");
    }
    if (count != null) {
      if (count == 0) {
        return List.of();
      }
      end = start + count * stride - 1;
    }
    if (stride > 0 && end < start) {
      throw new InterpretException("to count backwards make stride negative");
    }
    if (stride < 0 && end > start) {
      throw new InterpretException("to count forward don't make stride negative");
    }
    if (format.chars().filter(c -> c == '%').count() != 1) {
      throw new InterpretException("bad formatting string: " + format);
    }
    List<Object> out = new ArrayList<>();
    if (stride == 0) {
      return out;
    }
    for (long i = start; stride > 0 ? i <= end : i >= end; i += stride) {
      out.add(PythonFormat.percent(format, i, false));
    }
    return out;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))
        ? v.substring(1, v.length() - 1) : v;
  }

  /** Python's {@code int(text, 0)}: decimal, 0x, 0o or 0b; a leading zero on a decimal is refused as Python does. */
  private static long integer(String key, String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      boolean negative = t.startsWith("-");
      String digits = negative || t.startsWith("+") ? t.substring(1) : t;
      long v;
      if (digits.startsWith("0x")) {
        v = Long.parseLong(digits.substring(2), 16);
      } else if (digits.startsWith("0o")) {
        v = Long.parseLong(digits.substring(2), 8);
      } else if (digits.startsWith("0b")) {
        v = Long.parseLong(digits.substring(2), 2);
      } else if (digits.length() > 1 && digits.startsWith("0") && !digits.matches("0+")) {
        throw new NumberFormatException(text);
      } else {
        v = Long.parseLong(digits);
      }
      return negative ? -v : v;
    } catch (NumberFormatException e) {
      throw new InterpretException("can't parse " + key + "=" + text + " as integer");
    }
  }
}
