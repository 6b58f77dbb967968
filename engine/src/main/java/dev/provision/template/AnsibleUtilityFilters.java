package dev.provision.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's builtin filters that the other classes do not have: {@code combinations},
 * {@code permutations}, {@code pow}, {@code subelements}, {@code human_readable},
 * {@code human_to_bytes}, {@code strftime}, {@code urlsplit}, {@code rekey_on_member},
 * {@code expandvars}, {@code fileglob}, the {@code win_*} path filters, and Jinja's {@code items}.
 * Each as Ansible 2.14 gives it (the table {@code expressions/filters.yaml}).
 */
final class AnsibleUtilityFilters {

  private static final String UNITS = "BKMGTPEZY";
  private static final Pattern HUMAN = Pattern.compile("^\\s*(\\d*\\.?\\d*)\\s*([A-Za-z]+)?\\s*$");

  private AnsibleUtilityFilters() {}

  static void registerAll(Context context) {
    AnsibleDataFilters.register(context, "combinations", (v, a, kw, in) ->
        combinations(PythonCollections.elements(v), count(a.isEmpty() ? kw.get("r") : a.get(0)), new ArrayList<>(), 0,
            new ArrayList<>()));
    AnsibleDataFilters.register(context, "permutations", (v, a, kw, in) -> {
      List<Object> items = PythonCollections.elements(v);
      Object r = a.isEmpty() ? kw.get("r") : a.get(0);
      return permutations(items, r == null ? items.size() : count(r), new ArrayList<>(), new boolean[items.size()],
          new ArrayList<>());
    });
    AnsibleDataFilters.register(context, "pow", (v, a, kw, in) ->
        Math.pow(((Number) v).doubleValue(), ((Number) a.get(0)).doubleValue()));
    AnsibleDataFilters.register(context, "subelements", (v, a, kw, in) -> {
      List<Object> terms = new ArrayList<>(List.of(v, a.get(0)));
      terms.add(Map.of("skip_missing", a.size() > 1 ? a.get(1) : kw.getOrDefault("skip_missing", false)));
      return ListLookups.subelements(terms, false);
    });
    AnsibleDataFilters.register(context, "human_readable", (v, a, kw, in) -> humanReadable(((Number) v).doubleValue(),
        PlainValues.truthy(a.isEmpty() ? kw.get("isbits") : a.get(0)),
        a.size() > 1 ? (String) a.get(1) : (String) kw.get("unit")));
    AnsibleDataFilters.register(context, "human_to_bytes", (v, a, kw, in) -> humanToBytes(PlainValues.text(v),
        a.isEmpty() ? (String) kw.get("default_unit") : (String) a.get(0),
        PlainValues.truthy(a.size() > 1 ? a.get(1) : kw.get("isbits"))));
    AnsibleDataFilters.register(context, "strftime", (v, a, kw, in) -> {
      Object seconds = a.isEmpty() ? kw.get("second") : a.get(0);
      boolean utc = PlainValues.truthy(a.size() > 1 ? a.get(1) : kw.get("utc"));
      Instant at = seconds == null ? Instant.now()
          : Instant.ofEpochMilli((long) (((Number) seconds).doubleValue() * 1000));
      return strftime(PlainValues.text(v), ZonedDateTime.ofInstant(at, utc ? ZoneId.of("UTC") : ZoneId.systemDefault()));
    });
    AnsibleDataFilters.register(context, "urlsplit", (v, a, kw, in) -> {
      Map<String, Object> parts = urlsplit(PlainValues.text(v));
      if (a.isEmpty()) {
        return parts;
      }
      String query = PlainValues.text(a.get(0));
      if (!parts.containsKey(query)) {
        throw new InterpretException("urlsplit: unknown URL component: " + query);
      }
      return parts.get(query);
    });
    AnsibleDataFilters.register(context, "rekey_on_member", (v, a, kw, in) -> {
      String key = PlainValues.text(a.get(0));
      String duplicates = PlainValues.text(a.size() > 1 ? a.get(1) : kw.getOrDefault("duplicates", "error"));
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Object item : v instanceof Map<?, ?> m ? new ArrayList<>(m.values()) : PythonCollections.elements(v)) {
        if (!(item instanceof Map<?, ?> entry)) {
          throw new InterpretException("rekey_on_member: list elements must be dicts");
        }
        if (!entry.containsKey(key)) {
          throw new InterpretException("rekey_on_member: key " + key + " was not found");
        }
        Object k = entry.get(key);
        if (out.containsKey(k) && duplicates.equals("error")) {
          throw new InterpretException("rekey_on_member: key " + k + " is not unique, cannot correctly turn into dict");
        }
        out.put(k, entry);
      }
      return out;
    });
    AnsibleDataFilters.register(context, "expandvars", (v, a, kw, in) -> expandvars(PlainValues.text(v)));
    AnsibleDataFilters.register(context, "items", (v, a, kw, in) -> {
      List<Object> out = new ArrayList<>();
      if (v instanceof Map<?, ?> m) {
        m.forEach((k, x) -> out.add(java.util.Arrays.asList(k, x)));
      } else if (!Undefined.is(v) && v != null) {
        throw new InterpretException("Can only get item pairs from a mapping.");
      }
      return out;
    });
    AnsibleDataFilters.register(context, "fileglob", (v, a, kw, in) -> Lookups.query("fileglob", v));
    AnsibleDataFilters.register(context, "win_basename", (v, a, kw, in) -> {
      String p = windowsPath(PlainValues.text(v))[1];
      return p.substring(p.lastIndexOf('\\') + 1);
    });
    AnsibleDataFilters.register(context, "win_dirname", (v, a, kw, in) -> {
      String[] p = windowsPath(PlainValues.text(v));
      int slash = p[1].lastIndexOf('\\');
      String head = slash < 0 ? "" : p[1].substring(0, slash + 1);
      String trimmed = head.replaceAll("\\\\+$", "");
      return p[0] + (trimmed.isEmpty() ? head : trimmed);
    });
    AnsibleDataFilters.register(context, "win_splitdrive", (v, a, kw, in) ->
        new ArrayList<>(List.of(windowsPath(PlainValues.text(v)))));
  }

  private static int count(Object r) {
    if (!(r instanceof Number n)) {
      throw new InterpretException("an integer is required, not " + PythonCollections.pythonType(r));
    }
    return n.intValue();
  }

  private static List<Object> combinations(List<Object> items, int r, List<Object> chosen, int from, List<Object> out) {
    if (chosen.size() == r) {
      out.add(new ArrayList<>(chosen));
      return out;
    }
    for (int i = from; i < items.size(); i++) {
      chosen.add(items.get(i));
      combinations(items, r, chosen, i + 1, out);
      chosen.remove(chosen.size() - 1);
    }
    return out;
  }

  private static List<Object> permutations(List<Object> items, int r, List<Object> chosen, boolean[] used,
      List<Object> out) {
    if (chosen.size() == r) {
      out.add(new ArrayList<>(chosen));
      return out;
    }
    for (int i = 0; i < items.size(); i++) {
      if (!used[i]) {
        used[i] = true;
        chosen.add(items.get(i));
        permutations(items, r, chosen, used, out);
        chosen.remove(chosen.size() - 1);
        used[i] = false;
      }
    }
    return out;
  }

  /** {@code 1.50 KB}: the largest unit below the number (or {@code unit}), two decimals. */
  private static String humanReadable(double size, boolean isbits, String unit) {
    String base = isbits ? "bits" : "Bytes";
    String suffix = "";
    for (int i = UNITS.length() - 1; i >= 0; i--) {
      double limit = Math.pow(2, i * 10);
      if (unit != null && !unit.isEmpty() ? unit.charAt(0) == UNITS.charAt(i) : size >= limit) {
        size /= limit;
        suffix = i == 0 ? base : UNITS.charAt(i) + (isbits ? "b" : "B");
        break;
      }
    }
    if (suffix.isEmpty()) {
      suffix = base;
    }
    return String.format(Locale.ROOT, "%.2f %s", size, suffix);
  }

  /** {@code '1.5 MB'} as bytes; a bare number is in {@code defaultUnit} (bytes without one). */
  private static long humanToBytes(String text, String defaultUnit, boolean isbits) {
    Matcher m = HUMAN.matcher(text);
    if (!m.matches() || m.group(1).isEmpty()) {
      throw new InterpretException("human_to_bytes() can't interpret following string: " + text);
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2) != null ? m.group(2) : defaultUnit;
    if (unit == null || unit.isEmpty()) {
      return (long) number;
    }
    int power = UNITS.indexOf(Character.toUpperCase(unit.charAt(0)));
    if (power < 0) {
      throw new InterpretException("human_to_bytes() failed to convert " + text + ". Value is not a valid string ("
          + unit + ")");
    }
    String rest = power == 0 ? unit : unit.substring(1);
    boolean valid = isbits ? List.of("b", "bit", "bits").contains(rest.toLowerCase(Locale.ROOT)) && !rest.equals("B")
        : rest.equals("B") || List.of("byte", "bytes").contains(rest.toLowerCase(Locale.ROOT));
    if (!valid && !(power > 0 && rest.isEmpty())) {
      throw new InterpretException("human_to_bytes() failed to convert " + text + ". Value is not a valid string ("
          + unit + ")");
    }
    return (long) (number * Math.pow(2, power * 10));
  }

  /** Python's (C's) {@code strftime} directives, in English as Ansible's controller's C locale gives them. */
  static String strftime(String format, ZonedDateTime t) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        out.append(c);
        continue;
      }
      char d = format.charAt(++i);
      String pattern = switch (d) {
        case 'Y' -> "yyyy";
        case 'y' -> "yy";
        case 'm' -> "MM";
        case 'd' -> "dd";
        case 'H' -> "HH";
        case 'I' -> "hh";
        case 'M' -> "mm";
        case 'S' -> "ss";
        case 'p' -> "a";
        case 'b', 'h' -> "MMM";
        case 'B' -> "MMMM";
        case 'a' -> "EEE";
        case 'A' -> "EEEE";
        case 'j' -> "DDD";
        case 'z' -> "xx";
        case 'Z' -> "zzz";
        case 'F' -> "yyyy-MM-dd";
        case 'T' -> "HH:mm:ss";
        default -> null;
      };
      if (pattern != null) {
        out.append(java.time.format.DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(t));
      } else if (d == '%') {
        out.append('%');
      } else if (d == 's') {
        out.append(t.toEpochSecond());
      } else if (d == 'f') {
        out.append(String.format(Locale.ROOT, "%06d", t.getNano() / 1000));
      } else if (d == 'e') {
        out.append(String.format(Locale.ROOT, "%2d", t.getDayOfMonth()));
      } else if (d == 'u') {
        out.append(t.getDayOfWeek().getValue());
      } else if (d == 'w') {
        out.append(t.getDayOfWeek().getValue() % 7);
      } else {
        throw new InterpretException("strftime: the directive %" + d + " is not supported yet");
      }
    }
    return out.toString();
  }

  /** Python's {@code urlsplit}, with its attributes, as Ansible's filter gives them. */
  private static Map<String, Object> urlsplit(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new InterpretException("urlsplit: " + e.getMessage());
    }
    Map<String, Object> out = new java.util.TreeMap<>();
    String user = u.getRawUserInfo();
    out.put("fragment", u.getRawFragment() == null ? "" : u.getRawFragment());
    out.put("hostname", u.getHost() == null ? null : u.getHost().toLowerCase(Locale.ROOT));
    out.put("netloc", u.getRawAuthority() == null ? "" : u.getRawAuthority());
    out.put("password", user == null || !user.contains(":") ? null : user.substring(user.indexOf(':') + 1));
    out.put("path", u.getRawPath() == null ? "" : u.getRawPath());
    out.put("port", u.getPort() < 0 ? null : (long) u.getPort());
    out.put("query", u.getRawQuery() == null ? "" : u.getRawQuery());
    out.put("scheme", u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT));
    out.put("username", user == null ? null : user.contains(":") ? user.substring(0, user.indexOf(':')) : user);
    return new LinkedHashMap<>(out);
  }

  /** Python's {@code os.path.expandvars}: {@code $NAME} and {@code ${NAME}} of the controller; unknown ones stay. */
  private static String expandvars(String text) {
    Matcher m = Pattern.compile("\\$(\\w+|\\{[^}]*})").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).startsWith("{") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
      String value = System.getenv(name);
      m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Python's {@code ntpath.splitdrive}: {@code C:} and the rest ({@code \\server\share} too). */
  private static String[] windowsPath(String p) {
    String n = p.replace('/', '\\');
    if (n.startsWith("\\\\") && !n.startsWith("\\\\\\")) {
      int server = n.indexOf('\\', 2);
      int share = server < 0 ? -1 : n.indexOf('\\', server + 1);
      if (server > 2) {
        int end = share < 0 ? n.length() : share;
        return new String[] {p.substring(0, end), p.substring(end)};
      }
    }
    if (p.length() >= 2 && p.charAt(1) == ':') {
      return new String[] {p.substring(0, 2), p.substring(2)};
    }
    return new String[] {"", p};
  }
}
