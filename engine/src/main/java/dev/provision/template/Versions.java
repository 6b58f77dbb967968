package dev.provision.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's {@code version} test: the operators, and the version types {@code loose} (the
 * default: distutils' LooseVersion), {@code strict} ({@code strict=true}: StrictVersion),
 * {@code semver}/{@code semantic} (SemVer 2.0.0) and {@code pep440}, each compared by its own
 * rules, with Ansible's errors for what it cannot compare.
 */
final class Versions {

  private static final Map<String, String> OPERATORS = Map.ofEntries(
      Map.entry("==", "eq"), Map.entry("=", "eq"), Map.entry("eq", "eq"),
      Map.entry("<", "lt"), Map.entry("lt", "lt"), Map.entry("<=", "le"), Map.entry("le", "le"),
      Map.entry(">", "gt"), Map.entry("gt", "gt"), Map.entry(">=", "ge"), Map.entry("ge", "ge"),
      Map.entry("!=", "ne"), Map.entry("<>", "ne"), Map.entry("ne", "ne"));
  private static final List<String> TYPES = List.of("loose", "strict", "semver", "semantic", "pep440");

  private static final Pattern LOOSE_PART = Pattern.compile("\\d+|[a-z]+|\\.");
  private static final Pattern STRICT = Pattern.compile("^(\\d+)\\.(\\d+)(\\.(\\d+))?([ab](\\d+))?$");
  private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
      + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][a-zA-Z0-9-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][a-zA-Z0-9-]*))*))?"
      + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");
  private static final Pattern PEP440 = Pattern.compile("^\\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\\.[0-9]+)*)"
      + "([-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?([0-9]+)?)?"
      + "((?:-([0-9]+))|(?:[-_.]?(post|rev|r)[-_.]?([0-9]+)?))?"
      + "([-_.]?(dev)[-_.]?([0-9]+)?)?)(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$", Pattern.CASE_INSENSITIVE);

  private Versions() {}

  static boolean test(Object value, CallArguments.Args args) {
    Object version = args.get(0, "version", null);
    String operator = PlainValues.text(args.get(1, "operator", "eq"));
    Object strict = args.get(2, "strict", null);
    Object type = args.get(3, "version_type", null);
    if (strict instanceof String s && TYPES.contains(s) && type == null) {
      // `version_type='semver'` without `strict` arrives third when Jinjava drops the keyword
      type = s;
      strict = null;
    }
    if (strict != null && type != null) {
      throw new IllegalArgumentException("Cannot specify both 'strict' and 'version_type'");
    }
    if (!PlainValues.pythonTruthy(value)) {
      throw new IllegalArgumentException("Input version value cannot be empty");
    }
    if (!PlainValues.pythonTruthy(version)) {
      throw new IllegalArgumentException("Version parameter to compare against cannot be empty");
    }
    String kind = PlainValues.pythonTruthy(strict) ? "strict" : type == null ? "loose" : PlainValues.text(type);
    if (!TYPES.contains(kind)) {
      throw new IllegalArgumentException("Invalid version type (" + kind + "). Must be one of 'loose', 'strict', "
          + "'semver', 'semantic', 'pep440'");
    }
    String op = OPERATORS.get(operator);
    if (op == null) {
      throw new IllegalArgumentException("Invalid operator type (" + operator + "). Must be one of '==', '=', 'eq', "
          + "'<', 'lt', '<=', 'le', '>', 'gt', '>=', 'ge', '!=', '<>', 'ne'");
    }
    int c;
    try {
      c = compare(kind, PlainValues.text(value), PlainValues.text(version));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Version comparison failed: " + e.getMessage(), e);
    }
    return switch (op) {
      case "eq" -> c == 0;
      case "ne" -> c != 0;
      case "lt" -> c < 0;
      case "le" -> c <= 0;
      case "gt" -> c > 0;
      default -> c >= 0;
    };
  }

  static int compare(String kind, String a, String b) {
    return switch (kind) {
      case "strict" -> compareStrict(strict(a), strict(b));
      case "semver", "semantic" -> compareSemver(semver(a), semver(b));
      case "pep440" -> comparePep440(pep440(a), pep440(b));
      default -> compareLists(loose(a), loose(b));
    };
  }

  /** LooseVersion: runs of digits (numbers) and of lower-case letters, and whatever else stands between. */
  private static List<Object> loose(String text) {
    List<Object> out = new ArrayList<>();
    Matcher m = LOOSE_PART.matcher(text);
    int last = 0;
    while (m.find()) {
      addLoose(out, text.substring(last, m.start()));
      addLoose(out, m.group());
      last = m.end();
    }
    addLoose(out, text.substring(last));
    return out;
  }

  private static void addLoose(List<Object> out, String part) {
    if (part.isEmpty() || part.equals(".")) {
      return;
    }
    out.add(part.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(part) : part);
  }

  /** Python's list order: the first differing item decides (a number and a text cannot be ordered). */
  private static int compareLists(List<?> a, List<?> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x.equals(y)) {
        continue;
      }
      if (x instanceof Long l && y instanceof Long r) {
        return Long.compare(l, r);
      }
      if (x instanceof String l && y instanceof String r) {
        return l.compareTo(r);
      }
      throw new IllegalArgumentException("'<' not supported between instances of '" + pyType(x) + "' and '"
          + pyType(y) + "'");
    }
    return Integer.compare(a.size(), b.size());
  }

  private static String pyType(Object o) {
    return o instanceof Long ? "int" : "str";
  }

  private record Strict(long[] release, String pre, long preNumber) {}

  private static Strict strict(String text) {
    Matcher m = STRICT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid version number '" + text + "'");
    }
    long patch = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
    long[] release = {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), patch};
    return new Strict(release, m.group(5) == null ? null : m.group(5).substring(0, 1),
        m.group(6) == null ? 0 : Long.parseLong(m.group(6)));
  }

  private static int compareStrict(Strict a, Strict b) {
    int c = java.util.Arrays.compare(a.release(), b.release());
    if (c != 0) {
      return c;
    }
    if (a.pre() == null || b.pre() == null) {
      return a.pre() == null ? (b.pre() == null ? 0 : 1) : -1;
    }
    c = a.pre().compareTo(b.pre());
    return c != 0 ? c : Long.compare(a.preNumber(), b.preNumber());
  }

  private record Semver(long[] core, List<String> pre) {}

  private static Semver semver(String text) {
    Matcher m = SEMVER.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid semantic version '" + text + "'");
    }
    long[] core = {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    return new Semver(core, m.group(4) == null ? List.of() : List.of(m.group(4).split("\\.")));
  }

  private static int compareSemver(Semver a, Semver b) {
    int c = java.util.Arrays.compare(a.core(), b.core());
    if (c != 0) {
      return c;
    }
    if (a.pre().isEmpty() || b.pre().isEmpty()) {
      return a.pre().isEmpty() ? (b.pre().isEmpty() ? 0 : 1) : -1;
    }
    for (int i = 0; i < Math.min(a.pre().size(), b.pre().size()); i++) {
      String x = a.pre().get(i);
      String y = b.pre().get(i);
      boolean xn = x.chars().allMatch(Character::isDigit);
      boolean yn = y.chars().allMatch(Character::isDigit);
      int d = xn && yn ? new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y))
          : xn ? -1 : yn ? 1 : x.compareTo(y);
      if (d != 0) {
        return d;
      }
    }
    return Integer.compare(a.pre().size(), b.pre().size());
  }

  /** PEP 440's sort key: epoch, release without trailing zeros, pre, post, dev (local versions last). */
  private record Pep440(long epoch, long[] release, double preRank, String pre, long preNumber, double post,
      double dev, String local) {}

  private static Pep440 pep440(String text) {
    Matcher m = PEP440.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("Invalid version: '" + text + "'");
    }
    long epoch = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    String[] parts = m.group(2).split("\\.");
    int n = parts.length;
    while (n > 1 && Long.parseLong(parts[n - 1]) == 0) {
      n--;
    }
    long[] release = new long[n];
    for (int i = 0; i < n; i++) {
      release[i] = Long.parseLong(parts[i]);
    }
    String pre = null;
    long preNumber = 0;
    if (m.group(4) != null) {
      pre = switch (m.group(4).toLowerCase(Locale.ROOT)) {
        case "alpha", "a" -> "a";
        case "beta", "b" -> "b";
        default -> "rc";
      };
      preNumber = m.group(5) == null ? 0 : Long.parseLong(m.group(5));
    }
    boolean hasPost = m.group(6) != null;
    double post = !hasPost ? Double.NEGATIVE_INFINITY
        : Long.parseLong(m.group(7) != null ? m.group(7) : m.group(9) != null ? m.group(9) : "0");
    boolean hasDev = m.group(10) != null;
    double dev = !hasDev ? Double.POSITIVE_INFINITY : m.group(12) == null ? 0 : Long.parseLong(m.group(12));
    // a dev release without pre or post sorts before every pre-release of its version
    double preRank = pre == null ? (!hasPost && hasDev ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : 0;
    return new Pep440(epoch, release, preRank, pre, preNumber, post, dev, m.group(13));
  }

  private static int comparePep440(Pep440 a, Pep440 b) {
    int c = Long.compare(a.epoch(), b.epoch());
    c = c != 0 ? c : java.util.Arrays.compare(a.release(), b.release());
    c = c != 0 ? c : Double.compare(a.preRank(), b.preRank());
    if (c == 0 && a.pre() != null && b.pre() != null) {
      c = a.pre().compareTo(b.pre());
      c = c != 0 ? c : Long.compare(a.preNumber(), b.preNumber());
    }
    c = c != 0 ? c : Double.compare(a.post(), b.post());
    c = c != 0 ? c : Double.compare(a.dev(), b.dev());
    if (c == 0) {
      c = a.local() == null ? (b.local() == null ? 0 : -1) : b.local() == null ? 1
          : compareLocal(localParts(a.local()), localParts(b.local()));
    }
    return c;
  }

  /** Local version segments: numbers compare as numbers and sort after words. */
  private static int compareLocal(List<Object> a, List<Object> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int d = x instanceof Long l && y instanceof Long r ? Long.compare(l, r)
          : x instanceof Long ? 1 : y instanceof Long ? -1 : ((String) x).compareTo((String) y);
      if (d != 0) {
        return d;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static List<Object> localParts(String local) {
    List<Object> out = new ArrayList<>();
    for (String p : local.toLowerCase(Locale.ROOT).split("[-_.]")) {
      out.add(p.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(p) : p);
    }
    return out;
  }
}
