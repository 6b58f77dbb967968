package dev.provision.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * Ansible's filters on data (combine, extract, flatten, zip, product, min, max, YAML, hashes,
 * paths...) and Jinja's own where Jinjava's give other results than Jinja's (map, groupby, sort,
 * sum, batch, truncate, urlencode, dictsort, string, int): each as Ansible 2.14 gives it, checked
 * by the table {@code expressions/filters.yaml}. {@link #REFUSED}: filters that are not supported yet.
 */
final class AnsibleDataFilters {

  @FunctionalInterface
  interface Body {
    Object apply(Object value, List<Object> args, Map<String, Object> kwargs, JinjavaInterpreter in);
  }

  /** Filters Ansible has that Provision does not yet: the name, and why or what to write instead. */
  static final Map<String, String> REFUSED = Map.of(
      "to_datetime", "it gives a Python datetime; compare the texts, or subtract `strftime('%s')` numbers",
      "vault", "encrypt the value once (`ansible-vault encrypt_string`) and keep the `!vault` value in a vars file",
      "unvault", "keep the secret as a `!vault` value (or a vault-encrypted vars file): it is decrypted as it is read",
      "json_query", "it needs a JMESPath engine; write selectattr/map (`x | selectattr('k', 'equalto', v) | map(attribute='n')`)",
      "password_hash", "hash the password once (`openssl passwd -6`) and keep the hash in a `secret_vars` file");

  private static final String UUID_NAMESPACE = "361e6d51-faec-444a-9079-341386da8e2e";

  private AnsibleDataFilters() {}

  static void registerAll(Context context) {
    register(context, "combine", AnsibleDataFilters::combine);
    register(context, "extract", (v, a, kw, in) -> {
      Object out = index(arg(a, 0, null), v);
      Object more = arg(a, 1, kw.get("morekeys"));
      if (more != null) {
        for (Object key : more instanceof List<?> l ? l : List.of(more)) {
          out = index(out, key);
        }
      }
      return out;
    });
    register(context, "flatten", (v, a, kw, in) -> flatten(PythonCollections.elements(v),
        arg(a, 0, kw.get("levels")) == null ? -1 : number(arg(a, 0, kw.get("levels"))).intValue(),
        PlainValues.pythonTruthy(arg(a, 1, kw.getOrDefault("skip_nulls", true)))));
    register(context, "zip", (v, a, kw, in) -> zip(v, a, false, null));
    register(context, "zip_longest", (v, a, kw, in) -> zip(v, a, true, kw.get("fillvalue")));
    register(context, "product", (v, a, kw, in) -> {
      List<List<Object>> out = new ArrayList<>();
      out.add(List.of());
      List<Object> pools = new ArrayList<>();
      pools.add(v);
      pools.addAll(a);
      for (Object pool : pools) {
        List<List<Object>> next = new ArrayList<>();
        for (List<Object> prefix : out) {
          for (Object x : PythonCollections.elements(pool)) {
            List<Object> t = new ArrayList<>(prefix);
            t.add(x);
            next.add(t);
          }
        }
        out = next;
      }
      return out;
    });
    register(context, "min", (v, a, kw, in) -> extreme(v, kw, false));
    register(context, "max", (v, a, kw, in) -> extreme(v, kw, true));
    register(context, "sum", (v, a, kw, in) -> {
      Object total = arg(a, 1, kw.getOrDefault("start", 0L));
      Object attribute = arg(a, 0, kw.get("attribute"));
      for (Object x : PythonCollections.elements(v)) {
        total = add(total, attribute == null ? x : attribute(x, PlainValues.text(attribute)));
      }
      return total;
    });
    register(context, "sort", (v, a, kw, in) -> {
      boolean reverse = PlainValues.pythonTruthy(arg(a, 0, kw.getOrDefault("reverse", false)));
      boolean caseSensitive = PlainValues.pythonTruthy(arg(a, 1, kw.getOrDefault("case_sensitive", false)));
      Object attribute = arg(a, 2, kw.get("attribute"));
      List<Object> out = new ArrayList<>(PythonCollections.elements(v));
      Comparator<Object> order = (x, y) -> compare(attribute == null ? x : attribute(x, PlainValues.text(attribute)),
          attribute == null ? y : attribute(y, PlainValues.text(attribute)), caseSensitive);
      out.sort(reverse ? order.reversed() : order);
      return out;
    });
    register(context, "groupby", (v, a, kw, in) -> {
      String attribute = PlainValues.text(arg(a, 0, kw.get("attribute")));
      Map<Object, List<Object>> groups = new java.util.TreeMap<>((x, y) -> compare(x, y, true));
      for (Object x : PythonCollections.elements(v)) {
        groups.computeIfAbsent(attribute(x, attribute), k -> new ArrayList<>()).add(x);
      }
      List<Object> out = new ArrayList<>();
      groups.forEach((k, items) -> out.add(new ArrayList<>(List.of(k, items))));
      return out;
    });
    register(context, "map", AnsibleDataFilters::map);
    register(context, "batch", (v, a, kw, in) -> {
      int size = number(arg(a, 0, kw.get("linecount"))).intValue();
      Object fill = arg(a, 1, kw.get("fill_with"));
      List<Object> out = new ArrayList<>();
      List<Object> items = PythonCollections.elements(v);
      for (int i = 0; i < items.size(); i += size) {
        List<Object> chunk = new ArrayList<>(items.subList(i, Math.min(items.size(), i + size)));
        while (fill != null && chunk.size() < size) {
          chunk.add(fill);
        }
        out.add(chunk);
      }
      return out;
    });
    register(context, "dictsort", (v, a, kw, in) -> {
      boolean caseSensitive = PlainValues.pythonTruthy(arg(a, 0, kw.getOrDefault("case_sensitive", false)));
      boolean byValue = "value".equals(arg(a, 1, kw.getOrDefault("by", "key")));
      boolean reverse = PlainValues.pythonTruthy(arg(a, 2, kw.getOrDefault("reverse", false)));
      List<Object> out = new ArrayList<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.add(new ArrayList<>(java.util.Arrays.asList(k, x))));
      Comparator<Object> order = (x, y) -> compare(((List<?>) x).get(byValue ? 1 : 0), ((List<?>) y).get(byValue ? 1 : 0),
          caseSensitive);
      out.sort(reverse ? order.reversed() : order);
      return out;
    });
    register(context, "truncate", (v, a, kw, in) -> {
      String s = PlainValues.pythonStr(v);
      int length = number(arg(a, 0, kw.getOrDefault("length", 255L))).intValue();
      boolean killwords = PlainValues.pythonTruthy(arg(a, 1, kw.getOrDefault("killwords", false)));
      String end = PlainValues.text(arg(a, 2, kw.getOrDefault("end", "...")));
      Object leewayArg = arg(a, 3, kw.get("leeway"));
      int leeway = leewayArg == null ? 5 : number(leewayArg).intValue();
      if (s.length() <= length + leeway) {
        return s;
      }
      String cut = s.substring(0, Math.max(0, length - end.length()));
      if (!killwords && cut.lastIndexOf(' ') >= 0) {
        cut = cut.substring(0, cut.lastIndexOf(' '));
      }
      return cut + end;
    });
    register(context, "urlencode", (v, a, kw, in) -> {
      if (v instanceof Map<?, ?> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, x) -> parts.add(quoteUrl(PlainValues.pythonStr(k), true) + "=" + quoteUrl(PlainValues.pythonStr(x), true)));
        return String.join("&", parts);
      }
      return quoteUrl(PlainValues.pythonStr(v), false);
    });
    register(context, "string", (v, a, kw, in) -> PlainValues.pythonStr(v));
    register(context, "type_debug", (v, a, kw, in) -> PythonCollections.pythonType(PlainValues.plain(v)));
    register(context, "to_yaml", (v, a, kw, in) -> YamlText.write(PlainValues.plain(v),
        number(kw.getOrDefault("indent", 2L)).intValue(), true));
    register(context, "to_nice_yaml", (v, a, kw, in) -> YamlText.write(PlainValues.plain(v),
        number(kw.getOrDefault("indent", 4L)).intValue(), false));
    register(context, "from_yaml", (v, a, kw, in) -> {
      List<Object> docs = yamlDocuments(PlainValues.text(v));
      return docs.isEmpty() ? null : docs.get(0);
    });
    register(context, "from_yaml_all", (v, a, kw, in) -> yamlDocuments(PlainValues.text(v)));
    register(context, "regex_findall", (v, a, kw, in) -> {
      Matcher m = PythonRegex.compile(PlainValues.text(arg(a, 0, "")),
          PlainValues.pythonTruthy(arg(a, 2, kw.getOrDefault("ignorecase", false))),
          PlainValues.pythonTruthy(arg(a, 1, kw.getOrDefault("multiline", false)))).matcher(PlainValues.pythonStr(v));
      List<Object> out = new ArrayList<>();
      while (m.find()) {
        if (m.groupCount() == 0) {
          out.add(m.group());
        } else if (m.groupCount() == 1) {
          out.add(m.group(1) == null ? "" : m.group(1));
        } else {
          List<Object> groups = new ArrayList<>();
          for (int g = 1; g <= m.groupCount(); g++) {
            groups.add(m.group(g) == null ? "" : m.group(g));
          }
          out.add(groups);
        }
      }
      return out;
    });
    register(context, "regex_escape", (v, a, kw, in) -> {
      StringBuilder out = new StringBuilder();
      for (char c : PlainValues.pythonStr(v).toCharArray()) {
        if ("()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f".indexOf(c) >= 0) {
          out.append('\\');
        }
        out.append(c);
      }
      return out.toString();
    });
    register(context, "hash", (v, a, kw, in) -> digest(PlainValues.pythonStr(v), PlainValues.text(arg(a, 0, "sha1"))));
    register(context, "checksum", (v, a, kw, in) -> digest(PlainValues.pythonStr(v), "sha1"));
    register(context, "sha1", (v, a, kw, in) -> digest(PlainValues.pythonStr(v), "sha1"));
    register(context, "md5", (v, a, kw, in) -> digest(PlainValues.pythonStr(v), "md5"));
    register(context, "quote", (v, a, kw, in) -> {
      String s = PlainValues.pythonStr(v);
      if (s.isEmpty()) {
        return "''";
      }
      return s.matches("[\\w@%+=:,./-]+") ? s : "'" + s.replace("'", "'\"'\"'") + "'";
    });
    register(context, "expanduser", (v, a, kw, in) -> {
      String s = PlainValues.pythonStr(v);
      String home = System.getenv("HOME");
      return home != null && (s.equals("~") || s.startsWith("~/")) ? home + s.substring(1) : s;
    });
    register(context, "realpath", (v, a, kw, in) -> realpath(PlainValues.pythonStr(v)));
    register(context, "relpath", (v, a, kw, in) -> {
      Path start = Path.of(realAbsolute(PlainValues.text(arg(a, 0, "."))));
      String rel = start.relativize(Path.of(realAbsolute(PlainValues.pythonStr(v)))).toString();
      return rel.isEmpty() ? "." : rel;
    });
    register(context, "splitext", (v, a, kw, in) -> {
      String s = PlainValues.pythonStr(v);
      int slash = s.lastIndexOf('/');
      int dot = s.lastIndexOf('.');
      int nameStart = slash + 1;
      while (nameStart < s.length() && s.charAt(nameStart) == '.') {
        nameStart++;
      }
      return dot > nameStart - 1 && dot >= nameStart ? new ArrayList<>(List.of(s.substring(0, dot), s.substring(dot)))
          : new ArrayList<>(List.of(s, ""));
    });
    register(context, "path_join", (v, a, kw, in) -> {
      String out = "";
      for (Object part : PythonCollections.elements(v)) {
        String p = PlainValues.pythonStr(part);
        out = p.startsWith("/") || out.isEmpty() ? p : out.endsWith("/") ? out + p : out + "/" + p;
      }
      return out;
    });
    register(context, "comment", (v, a, kw, in) -> "#\n# " + PlainValues.pythonStr(v).replace("\n", "\n# ") + "\n#");
    register(context, "to_uuid", (v, a, kw, in) -> uuid5(PlainValues.text(arg(a, 0, kw.getOrDefault("namespace",
        UUID_NAMESPACE))), PlainValues.pythonStr(v)));
    REFUSED.forEach((name, why) -> register(context, name, (v, a, kw, in) -> {
      throw new InterpretException(refusal(name));
    }));
  }

  static String refusal(String name) {
    return "the filter `" + name + "` is not supported yet: " + REFUSED.get(name);
  }

  /** Ansible's {@code combine}: later mappings win; {@code recursive} and {@code list_merge} as its merge_hash. */
  private static Object combine(Object value, List<Object> args, Map<String, Object> kw, JinjavaInterpreter in) {
    boolean recursive = PlainValues.pythonTruthy(kw.getOrDefault("recursive", false));
    String listMerge = PlainValues.text(kw.getOrDefault("list_merge", "replace"));
    for (String k : kw.keySet()) {
      if (!k.equals("recursive") && !k.equals("list_merge")) {
        throw new InterpretException("'recursive' and 'list_merge' are the only valid keyword arguments");
      }
    }
    List<Object> terms = new ArrayList<>();
    terms.add(value);
    terms.addAll(args);
    List<Object> dicts = flatten(terms, 1, false);
    if (dicts.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Object result = dicts.get(dicts.size() - 1);
    for (int i = dicts.size() - 2; i >= 0; i--) {
      result = merge(asMap(dicts.get(i)), asMap(result), recursive, listMerge);
    }
    return result;
  }

  private static Map<Object, Object> asMap(Object value) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new InterpretException("failed to combine variables, expected dicts but got a '"
          + PythonCollections.pythonType(PlainValues.plain(value)) + "'");
    }
    return new LinkedHashMap<>(m);
  }

  private static Map<Object, Object> merge(Map<Object, Object> x, Map<Object, Object> y, boolean recursive, String listMerge) {
    if (!Set.of("replace", "keep", "append", "prepend", "append_rp", "prepend_rp").contains(listMerge)) {
      throw new InterpretException("merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', "
          + "'append', 'prepend', 'append_rp' or 'prepend_rp'");
    }
    if (x.isEmpty() || x.equals(y)) {
      return new LinkedHashMap<>(y);
    }
    Map<Object, Object> out = new LinkedHashMap<>(x);
    if (!recursive && listMerge.equals("replace")) {
      out.putAll(y);
      return out;
    }
    y.forEach((key, yv) -> {
      Object xv = out.get(key);
      if (!out.containsKey(key)) {
        out.put(key, yv);
      } else if (xv instanceof Map<?, ?> xm && yv instanceof Map<?, ?> ym) {
        out.put(key, recursive ? merge(new LinkedHashMap<>(xm), new LinkedHashMap<>(ym), true, listMerge) : yv);
      } else if (xv instanceof List<?> xl && yv instanceof List<?> yl) {
        List<Object> merged = new ArrayList<>();
        switch (listMerge) {
          case "append" -> {
            merged.addAll(xl);
            merged.addAll(yl);
          }
          case "prepend" -> {
            merged.addAll(yl);
            merged.addAll(xl);
          }
          case "append_rp" -> {
            xl.stream().filter(z -> !yl.contains(z)).forEach(merged::add);
            merged.addAll(yl);
          }
          case "prepend_rp" -> {
            merged.addAll(yl);
            xl.stream().filter(z -> !yl.contains(z)).forEach(merged::add);
          }
          case "keep" -> merged.addAll(xl);
          default -> merged.addAll(yl);
        }
        out.put(key, merged);
      } else {
        out.put(key, yv);
      }
    });
    return out;
  }

  /** Ansible's {@code flatten}: {@code levels} deep (-1: all), nulls (and the words None, null) left out. */
  private static List<Object> flatten(List<Object> items, int levels, boolean skipNulls) {
    List<Object> out = new ArrayList<>();
    for (Object e : items) {
      if (skipNulls && (e == null || "None".equals(e) || "null".equals(e))) {
        continue;
      }
      if (e instanceof List<?> l && levels != 0) {
        out.addAll(flatten(new ArrayList<>(l), levels < 0 ? -1 : levels - 1, skipNulls));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private static List<Object> zip(Object value, List<Object> others, boolean longest, Object fill) {
    List<List<Object>> lists = new ArrayList<>();
    lists.add(PythonCollections.elements(value));
    others.forEach(o -> lists.add(PythonCollections.elements(o)));
    int n = longest ? lists.stream().mapToInt(List::size).max().orElse(0) : lists.stream().mapToInt(List::size).min().orElse(0);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Object> t = new ArrayList<>();
      for (List<Object> l : lists) {
        t.add(i < l.size() ? l.get(i) : fill);
      }
      out.add(t);
    }
    return out;
  }

  /** Jinja's {@code map}: a filter on every item, or {@code attribute=} (with {@code default=}). */
  private static Object map(Object value, List<Object> args, Map<String, Object> kw, JinjavaInterpreter in) {
    List<Object> out = new ArrayList<>();
    if (args.isEmpty() && kw.containsKey("attribute")) {
      String attribute = PlainValues.text(kw.get("attribute"));
      for (Object x : PythonCollections.elements(value)) {
        Object v = attributeOrMissing(x, attribute);
        if (v == MISSING) {
          if (!kw.containsKey("default")) {
            throw new InterpretException("'" + PythonCollections.pythonType(PlainValues.plain(x)) + " object' has no attribute '"
                + attribute + "'");
          }
          v = kw.get("default");
        }
        out.add(v);
      }
      return out;
    }
    if (args.isEmpty()) {
      throw new InterpretException("map needs a filter name or attribute=");
    }
    String name = PlainValues.text(args.get(0));
    Filter filter = in.getContext().getFilter(name);
    if (filter == null) {
      throw new InterpretException("no filter named '" + name + "'");
    }
    Object[] rest = args.subList(1, args.size()).toArray();
    for (Object x : PythonCollections.elements(value)) {
      out.add(filter.filter(x, in, rest, kw));
    }
    return out;
  }

  private static final Object MISSING = new Object();

  private static Object attributeOrMissing(Object item, String dotted) {
    Object current = item;
    for (String part : dotted.split("\\.")) {
      if (current instanceof Map<?, ?> m && m.containsKey(part)) {
        current = m.get(part);
      } else if (current instanceof List<?> l && part.matches("\\d+") && Integer.parseInt(part) < l.size()) {
        current = l.get(Integer.parseInt(part));
      } else {
        return MISSING;
      }
    }
    return current;
  }

  private static Object attribute(Object item, String dotted) {
    Object v = attributeOrMissing(item, dotted);
    if (v == MISSING) {
      throw new InterpretException("'" + PythonCollections.pythonType(PlainValues.plain(item)) + " object' has no attribute '"
          + dotted + "'");
    }
    return v;
  }

  private static Object index(Object container, Object key) {
    if (container instanceof Map<?, ?> m) {
      if (!m.containsKey(key) && !(key != null && m.containsKey(String.valueOf(key)))) {
        throw new InterpretException("'dict object' has no attribute '" + key + "'");
      }
      return m.containsKey(key) ? m.get(key) : m.get(String.valueOf(key));
    }
    if (container instanceof List<?> l && key instanceof Number n) {
      int i = n.intValue() < 0 ? l.size() + n.intValue() : n.intValue();
      if (i < 0 || i >= l.size()) {
        throw new InterpretException("list index out of range");
      }
      return l.get(i);
    }
    throw new InterpretException("cannot extract " + key + " from " + PythonCollections.pythonType(PlainValues.plain(container)));
  }

  private static Object extreme(Object value, Map<String, Object> kw, boolean max) {
    Object attribute = kw.get("attribute");
    boolean caseSensitive = PlainValues.pythonTruthy(kw.getOrDefault("case_sensitive", false));
    Object best = null;
    boolean first = true;
    for (Object x : PythonCollections.elements(value)) {
      Object key = attribute == null ? x : attribute(x, PlainValues.text(attribute));
      Object bestKey = first ? null : attribute == null ? best : attribute(best, PlainValues.text(attribute));
      if (first || (max ? compare(key, bestKey, caseSensitive) > 0 : compare(key, bestKey, caseSensitive) < 0)) {
        best = x;
        first = false;
      }
    }
    return best;
  }

  /** Python's ordering of numbers and texts (texts without case unless asked, as Jinja's sort and min). */
  static int compare(Object a, Object b, boolean caseSensitive) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        int c = compare(x.get(i), y.get(i), caseSensitive);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    if (a instanceof CharSequence && b instanceof CharSequence) {
      String x = a.toString();
      String y = b.toString();
      return caseSensitive ? x.compareTo(y) : x.toLowerCase(Locale.ROOT).compareTo(y.toLowerCase(Locale.ROOT));
    }
    if (a == null || b == null) {
      throw new InterpretException("'<' not supported between instances of '" + PythonCollections.pythonType(a) + "' and '"
          + PythonCollections.pythonType(b) + "'");
    }
    throw new InterpretException("'<' not supported between instances of '" + PythonCollections.pythonType(PlainValues.plain(a))
        + "' and '" + PythonCollections.pythonType(PlainValues.plain(b)) + "'");
  }

  private static Object add(Object a, Object b) {
    Object x = PlainValues.plain(a);
    Object y = PlainValues.plain(b);
    if (x instanceof Long l && y instanceof Long m) {
      return l + m;
    }
    if ((x instanceof Long || x instanceof Double) && (y instanceof Long || y instanceof Double)) {
      return ((Number) x).doubleValue() + ((Number) y).doubleValue();
    }
    if (x instanceof List<?> l && y instanceof List<?> m) {
      List<Object> out = new ArrayList<>(l);
      out.addAll(m);
      return out;
    }
    throw new InterpretException("unsupported operand type(s) for +: '" + PythonCollections.pythonType(x) + "' and '"
        + PythonCollections.pythonType(y) + "'");
  }

  private static Number number(Object v) {
    Object p = PlainValues.plain(v);
    if (p instanceof Number n) {
      return n;
    }
    try {
      return Long.parseLong(PlainValues.text(p).trim());
    } catch (NumberFormatException e) {
      throw new InterpretException("not a number: " + PlainValues.pythonStr(p));
    }
  }

  private static Object arg(List<Object> args, int index, Object fallback) {
    return args.size() > index ? args.get(index) : fallback;
  }

  private static List<Object> yamlDocuments(String text) {
    Diagnostics problems = new Diagnostics();
    List<YNode> docs = YamlReader.readAll("from_yaml", text, problems);
    if (problems.hasErrors()) {
      throw new InterpretException("from_yaml: not valid YAML: " + problems.asList().get(0).summary());
    }
    List<Object> out = new ArrayList<>();
    docs.forEach(d -> out.add(d.toPlain()));
    return out;
  }

  private static String digest(String text, String name) {
    String algorithm = switch (name) {
      case "md5" -> "MD5";
      case "sha1" -> "SHA-1";
      case "sha224" -> "SHA-224";
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> throw new InterpretException("unsupported hash type " + name);
    };
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new InterpretException("unsupported hash type " + name);
    }
  }

  /** Python's {@code urllib.parse.quote} (safe {@code /}), or {@code quote_plus}-like for query strings. */
  private static String quoteUrl(String s, boolean query) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_.-~".indexOf(c) >= 0
          || (c == '/' && !query)) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String realAbsolute(String p) {
    return realpath(p);
  }

  /** Python's {@code os.path.realpath}: absolute, normalised, symbolic links resolved where the path exists. */
  private static String realpath(String p) {
    Path path = Path.of(p).toAbsolutePath().normalize();
    Path existing = path;
    Path rest = Path.of("");
    while (existing != null && !java.nio.file.Files.exists(existing)) {
      rest = existing.getFileName().resolve(rest);
      existing = existing.getParent();
    }
    try {
      Path real = existing == null ? path : existing.toRealPath().resolve(rest);
      String out = real.normalize().toString();
      return out.endsWith("/") && out.length() > 1 ? out.substring(0, out.length() - 1) : out;
    } catch (java.io.IOException e) {
      return path.toString();
    }
  }

  /** Python's {@code uuid.uuid5}: SHA-1 of the namespace's bytes and the name. */
  private static String uuid5(String namespace, String name) {
    try {
      UUID ns = UUID.fromString(namespace);
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
      b.putLong(ns.getMostSignificantBits()).putLong(ns.getLeastSignificantBits());
      sha1.update(b.array());
      byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(h, 0, 16);
      return new UUID(r.getLong(), r.getLong()).toString();
    } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
      throw new InterpretException("to_uuid: " + e.getMessage());
    }
  }

  static void register(Context context, String name, Body body) {
    context.registerFilter(new Filter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return body.apply(var, args == null ? List.of() : new ArrayList<>(List.of((Object[]) args)), Map.of(), interpreter);
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        List<Object> list = new ArrayList<>();
        if (args != null) {
          for (Object x : args) {
            list.add(PlainValues.plain(x));
          }
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        if (kwargs != null) {
          kwargs.forEach((k, x) -> kw.put(k, PlainValues.plain(x)));
        }
        return body.apply(PlainValues.plain(var), list, kw, interpreter);
      }
    });
  }
}
