package dev.provision.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ansible's tests ({@code ansible.builtin}: results, regular expressions, versions, sets, paths,
 * truthiness) and Jinja's own where Jinjava's differ from Jinja's ({@code number} is true for a
 * boolean, a string is a {@code sequence}, {@code in} looks inside text). Path tests run on the
 * controller, as in Ansible. Jinjava's tests that neither Ansible nor Jinja has are refused
 * ({@link #REFUSED}), so a playbook that passes here does not fail under Ansible.
 */
final class AnsibleTests {

  @FunctionalInterface
  interface Body {
    boolean test(Object value, CallArguments.Args args, JinjavaInterpreter interpreter);
  }

  /** Jinjava's own tests, which Ansible does not have: the name, and what to write instead. */
  static final Map<String, String> REFUSED = Map.of(
      "containing", "write `is contains(x)`",
      "containingall", "write `is superset([..])`",
      "string_containing", "write `is search('...')` or `'x' in value`",
      "string_startingwith", "write `is match('...')` or `value.startswith('x')`",
      "within", "write `is in([..])`");

  /** Tests that tell an undefined value apart without failing on it, as Ansible's do. */
  static final Set<String> ACCEPT_UNDEFINED = Set.of("defined", "undefined", "none", "string", "number", "mapping",
      "sequence", "boolean", "integer", "float", "true", "false", "callable", "escaped", "sameas");

  private static final Map<String, Body> TESTS = new LinkedHashMap<>();

  static {
    // results of tasks
    Body failed = (v, a, in) -> PlainValues.pythonTruthy(result(v, "failed").get("failed"));
    alias(failed, "failed", "failure");
    alias((v, a, in) -> !failed.test(v, a, in), "succeeded", "success", "successful");
    alias(AnsibleTests::changed, "changed", "change");
    alias((v, a, in) -> PlainValues.pythonTruthy(result(v, "skipped").get("skipped")), "skipped", "skip");
    TESTS.put("unreachable", (v, a, in) -> PlainValues.pythonTruthy(result(v, "unreachable").get("unreachable")));
    TESTS.put("reachable", (v, a, in) -> !PlainValues.pythonTruthy(result(v, "reachable").get("unreachable")));
    TESTS.put("finished", (v, a, in) -> isOne(result(v, "finished"), "finished"));
    TESTS.put("started", (v, a, in) -> isOne(result(v, "started"), "started"));
    // regular expressions and versions
    TESTS.put("regex", (v, a, in) -> regex(v, a, PlainValues.text(a.get(4, "match_type", "search"))));
    TESTS.put("match", (v, a, in) -> regex(v, a, "match"));
    TESTS.put("search", (v, a, in) -> regex(v, a, "search"));
    alias((v, a, in) -> Versions.test(v, a), "version", "version_compare");
    // truthiness
    TESTS.put("truthy", (v, a, in) -> truthy(v, a));
    TESTS.put("falsy", (v, a, in) -> !truthy(v, a));
    // collections
    alias((v, a, in) -> PythonCollections.elements(v).stream()
        .allMatch(x -> PythonCollections.contains(a.get(0, "b", null), x)), "subset", "issubset");
    alias((v, a, in) -> PythonCollections.elements(a.get(0, "b", null)).stream()
        .allMatch(x -> PythonCollections.contains(v, x)), "superset", "issuperset");
    TESTS.put("contains", (v, a, in) -> PythonCollections.contains(v, a.get(0, "value", null)));
    TESTS.put("in", (v, a, in) -> PythonCollections.contains(a.get(0, "seq", null), v));
    TESTS.put("any", (v, a, in) -> PythonCollections.elements(v).stream().anyMatch(PlainValues::pythonTruthy));
    TESTS.put("all", (v, a, in) -> PythonCollections.elements(v).stream().allMatch(PlainValues::pythonTruthy));
    alias((v, a, in) -> v instanceof Double d && d.isNaN(), "nan", "isnan");
    // paths, on the controller
    alias((v, a, in) -> path(v).isAbsolute(), "abs", "is_abs");
    alias((v, a, in) -> Files.isDirectory(path(v)), "directory", "is_dir");
    alias((v, a, in) -> Files.isRegularFile(path(v)), "file", "is_file");
    alias((v, a, in) -> Files.isSymbolicLink(path(v)), "link", "is_link");
    TESTS.put("exists", (v, a, in) -> Files.exists(path(v)));
    TESTS.put("link_exists", (v, a, in) -> Files.exists(path(v), LinkOption.NOFOLLOW_LINKS));
    alias((v, a, in) -> mount(path(v)), "mount", "is_mount");
    alias((v, a, in) -> sameFile(path(v), path(a.get(0, "b", null))), "same_file", "is_same_file");
    // URIs
    TESTS.put("uri", (v, a, in) -> Uris.isUri(PlainValues.pythonStr(v), a.get(0, "schemes", null)));
    TESTS.put("url", (v, a, in) -> Uris.isUrl(PlainValues.pythonStr(v), a.get(0, "schemes", null)));
    TESTS.put("urn", (v, a, in) -> Uris.isUri(PlainValues.pythonStr(v), List.of("urn")));
    TESTS.put("vault_encrypted", (v, a, in) -> false); // no value is ever vault-encrypted here
    // Jinja's own, where Jinjava's differ
    TESTS.put("defined", (v, a, in) -> !Undefined.is(v));
    TESTS.put("undefined", (v, a, in) -> Undefined.is(v));
    TESTS.put("none", (v, a, in) -> v == null);
    TESTS.put("string", (v, a, in) -> v instanceof CharSequence);
    TESTS.put("number", (v, a, in) -> v instanceof Number || v instanceof Boolean);
    TESTS.put("integer", (v, a, in) -> v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof java.math.BigInteger);
    TESTS.put("float", (v, a, in) -> v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal);
    TESTS.put("boolean", (v, a, in) -> v instanceof Boolean);
    TESTS.put("true", (v, a, in) -> Boolean.TRUE.equals(v));
    TESTS.put("false", (v, a, in) -> Boolean.FALSE.equals(v));
    TESTS.put("mapping", (v, a, in) -> v instanceof Map && !Undefined.is(v));
    TESTS.put("sequence", (v, a, in) -> !Undefined.is(v) && (v instanceof CharSequence || v instanceof Collection
        || v instanceof Map || v instanceof Object[]));
    TESTS.put("iterable", (v, a, in) -> v instanceof CharSequence || v instanceof Iterable || v instanceof Map
        || v instanceof Object[]);
    TESTS.put("callable", (v, a, in) -> Undefined.is(v));
    TESTS.put("escaped", (v, a, in) -> Undefined.is(v));
    TESTS.put("lower", (v, a, in) -> cased(PlainValues.pythonStr(v), true));
    TESTS.put("upper", (v, a, in) -> cased(PlainValues.pythonStr(v), false));
    TESTS.put("filter", (v, a, in) -> v instanceof String s && in.getContext().getFilter(s) != null);
    TESTS.put("test", (v, a, in) -> v instanceof String s && in.getContext().getExpTest(s) != null);
  }

  private AnsibleTests() {}

  /** The names of the tests registered here (their calls take keyword arguments). */
  static Set<String> names() {
    return TESTS.keySet();
  }

  static void registerAll(Context context) {
    TESTS.forEach((name, body) -> register(context, name, body));
    REFUSED.forEach((name, hint) -> register(context, name, (v, a, in) -> {
      throw new IllegalArgumentException(refusal(name));
    }));
  }

  static String refusal(String name) {
    return "the test `" + name + "` is Jinjava's, not Ansible's: not supported (" + REFUSED.get(name) + ")";
  }

  private static void alias(Body body, String... names) {
    for (String n : names) {
      TESTS.put(n, body);
    }
  }

  private static void register(Context context, String name, Body body) {
    context.registerExpTest(new ExpTest() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
        if (Undefined.is(var) && !ACCEPT_UNDEFINED.contains(name)) {
          throw new IllegalArgumentException("the `" + name + "` test was given an undefined value");
        }
        return body.test(var, CallArguments.of(args), interpreter);
      }
    });
  }

  private static Map<?, ?> result(Object value, String test) {
    if (!(value instanceof Map<?, ?> map) || Undefined.is(value)) {
      throw new IllegalArgumentException("The '" + test + "' test expects a dictionary (a registered result), not "
          + describe(value));
    }
    return map;
  }

  private static String describe(Object value) {
    return value == null || Undefined.is(value) ? "nothing" : value instanceof CharSequence ? "the text `" + value + "`"
        : value instanceof List ? "a list" : "the value " + PlainValues.pythonStr(value);
  }

  /** A loop's result without its own {@code changed} is changed when one of its items is. */
  private static boolean changed(Object value, CallArguments.Args args, JinjavaInterpreter in) {
    Map<?, ?> result = result(value, "changed");
    if (result.containsKey("changed")) {
      return PlainValues.pythonTruthy(result.get("changed"));
    }
    if (result.get("results") instanceof List<?> items && !items.isEmpty() && items.get(0) instanceof Map) {
      return items.stream().anyMatch(i -> i instanceof Map<?, ?> m && PlainValues.pythonTruthy(m.get("changed")));
    }
    return false;
  }

  /** {@code finished} and {@code started} of an async result; a result without the key counts as 1. */
  private static boolean isOne(Map<?, ?> result, String key) {
    return !result.containsKey(key) || PythonCollections.pythonEquals(result.get(key), 1L);
  }

  private static boolean regex(Object value, CallArguments.Args args, String matchType) {
    String text = PlainValues.pythonStr(value);
    Pattern p = PythonRegex.compile(PlainValues.text(args.get(0, "pattern", "")),
        PlainValues.pythonTruthy(args.get(1, "ignorecase", false)), PlainValues.pythonTruthy(args.get(2, "multiline", false)));
    return switch (matchType) {
      case "match" -> p.matcher(text).lookingAt();
      case "fullmatch" -> p.matcher(text).matches();
      default -> p.matcher(text).find();
    };
  }

  /** With {@code convert_bool}, a boolean word counts as that boolean; anything else as Python's truth. */
  private static boolean truthy(Object value, CallArguments.Args args) {
    if (PlainValues.pythonTruthy(args.get(0, "convert_bool", false))) {
      Boolean word = booleanWord(value);
      if (word != null) {
        return word;
      }
    }
    return PlainValues.pythonTruthy(value);
  }

  /** Ansible's {@code boolean(value)} where it is one of its words (yes, off, 1, t...), else null. */
  static Boolean booleanWord(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    String s = value instanceof Number n ? (n.doubleValue() == 1.0 ? "1" : n.doubleValue() == 0.0 ? "0" : "")
        : value instanceof CharSequence t ? t.toString().strip().toLowerCase(java.util.Locale.ROOT) : "";
    if (Set.of("y", "yes", "on", "1", "true", "t").contains(s)) {
      return true;
    }
    return Set.of("n", "no", "off", "0", "false", "f").contains(s) ? false : null;
  }

  /** Ansible's {@code boolean(value, strict=False)}: its true words are true, anything else false. */
  static boolean ansibleBoolean(Object value) {
    return Boolean.TRUE.equals(booleanWord(value));
  }

  private static boolean cased(String text, boolean lower) {
    boolean anyCased = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isUpperCase(c) || Character.isLowerCase(c)) {
        anyCased = true;
        if (lower ? Character.isUpperCase(c) : Character.isLowerCase(c)) {
          return false;
        }
      }
    }
    return anyCased;
  }

  private static Path path(Object value) {
    return Path.of(PlainValues.pythonStr(value));
  }

  /** A mount point: a directory on another device than its parent, or the root. */
  private static boolean mount(Path p) {
    try {
      if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Path real = p.toAbsolutePath().normalize();
      Path parent = real.getParent();
      if (parent == null) {
        return true;
      }
      Object dev = Files.getAttribute(real, "unix:dev", LinkOption.NOFOLLOW_LINKS);
      Object parentDev = Files.getAttribute(parent, "unix:dev", LinkOption.NOFOLLOW_LINKS);
      Object ino = Files.getAttribute(real, "unix:ino", LinkOption.NOFOLLOW_LINKS);
      Object parentIno = Files.getAttribute(parent, "unix:ino", LinkOption.NOFOLLOW_LINKS);
      return !dev.equals(parentDev) || ino.equals(parentIno);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      throw new IllegalArgumentException("same_file: " + e.getMessage(), e);
    }
  }
}
