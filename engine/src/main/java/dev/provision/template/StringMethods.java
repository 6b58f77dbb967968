package dev.provision.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code str} methods that playbooks call in expressions ({@code name.split('.')},
 * {@code path.startswith('/')}, {@code '{}:{}'.format(h, p)}), with Python's meaning, where Jinjava
 * would call Java's method of the same name ({@code split} takes a regular expression there) or
 * none. The table {@code expressions/methods.yaml} checks each against Ansible 2.14.
 */
final class StringMethods {

  /** What {@link #call} returns for a method it does not know: the caller lets Jinjava try. */
  static final Object NOT_A_METHOD = new Object();

  private StringMethods() {}

  static Object call(String s, String method, Object[] args) {
    return switch (method) {
      case "split" -> split(s, arg(args, 0), maxsplit(args), false);
      case "rsplit" -> split(s, arg(args, 0), maxsplit(args), true);
      case "splitlines" -> splitlines(s);
      case "strip" -> rstrip(lstrip(s, arg(args, 0)), arg(args, 0));
      case "lstrip" -> lstrip(s, arg(args, 0));
      case "rstrip" -> rstrip(s, arg(args, 0));
      case "startswith" -> affix(s, args, true);
      case "endswith" -> affix(s, args, false);
      case "replace" -> replace(s, text(args, 0), text(args, 1), args.length > 2 ? number(args[2]) : -1);
      case "lower" -> s.toLowerCase(Locale.ROOT);
      case "upper" -> s.toUpperCase(Locale.ROOT);
      case "title" -> title(s);
      case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
      case "swapcase" -> swapcase(s);
      case "format" -> format(s, args);
      case "join" -> join(s, args);
      case "find" -> (long) s.indexOf(text(args, 0));
      case "rfind" -> (long) s.lastIndexOf(text(args, 0));
      case "index" -> index(s, text(args, 0));
      case "count" -> count(s, text(args, 0));
      case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
      case "isalpha" -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
      case "isalnum" -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
      case "isspace" -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
      case "islower" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(Locale.ROOT));
      case "isupper" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(Locale.ROOT));
      case "zfill" -> zfill(s, (int) number(args[0]));
      case "ljust" -> pad(s, (int) number(args[0]), args.length > 1 ? text(args, 1) : " ", true);
      case "rjust" -> pad(s, (int) number(args[0]), args.length > 1 ? text(args, 1) : " ", false);
      default -> NOT_A_METHOD;
    };
  }

  private static String arg(Object[] args, int i) {
    return args.length > i && args[i] != null ? String.valueOf(args[i]) : null;
  }

  private static String text(Object[] args, int i) {
    if (args.length <= i || !(args[i] instanceof String s)) {
      throw new IllegalArgumentException("must be str, not " + (args.length <= i ? "nothing"
          : PythonCollections.pythonType(args[i])));
    }
    return s;
  }

  private static long number(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("'" + PythonCollections.pythonType(value) + "' object cannot be interpreted as an integer");
  }

  private static int maxsplit(Object[] args) {
    return args.length > 1 ? (int) number(args[1]) : -1;
  }

  /** Python's split: on runs of white space without a separator (ends dropped), else on each separator. */
  private static List<String> split(String s, String sep, int max, boolean fromRight) {
    List<String> out = new ArrayList<>();
    if (sep == null) {
      String rest = s.strip();
      if (rest.isEmpty()) {
        return out;
      }
      String[] words = rest.split("\\s+");
      if (max < 0 || max >= words.length - 1) {
        return List.of(words);
      }
      if (!fromRight) {
        String[] head = rest.split("\\s+", max + 1);
        return List.of(head);
      }
      List<String> all = List.of(words);
      int cut = all.size() - max;
      Matcher m = Pattern.compile("\\s+").matcher(rest);
      int seen = 0;
      int at = 0;
      while (m.find()) {
        if (++seen == cut) {
          at = m.start();
          break;
        }
      }
      out.add(rest.substring(0, at));
      out.addAll(all.subList(cut, all.size()));
      return out;
    }
    if (sep.isEmpty()) {
      throw new IllegalArgumentException("empty separator");
    }
    List<String> parts = new ArrayList<>(List.of(s.split(Pattern.quote(sep), -1)));
    if (max < 0 || parts.size() - 1 <= max) {
      return parts;
    }
    if (!fromRight) {
      List<String> head = new ArrayList<>(parts.subList(0, max));
      head.add(String.join(sep, parts.subList(max, parts.size())));
      return head;
    }
    List<String> tail = new ArrayList<>();
    tail.add(String.join(sep, parts.subList(0, parts.size() - max)));
    tail.addAll(parts.subList(parts.size() - max, parts.size()));
    return tail;
  }

  static List<String> splitlines(String s) {
    List<String> out = new ArrayList<>(List.of(s.split("\r\n|\r|\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1); // a final line break ends the last line; it starts no new one
    }
    return out;
  }

  private static String lstrip(String s, String chars) {
    int i = 0;
    while (i < s.length() && (chars == null ? Character.isWhitespace(s.charAt(i)) : chars.indexOf(s.charAt(i)) >= 0)) {
      i++;
    }
    return s.substring(i);
  }

  private static String rstrip(String s, String chars) {
    int i = s.length();
    while (i > 0 && (chars == null ? Character.isWhitespace(s.charAt(i - 1)) : chars.indexOf(s.charAt(i - 1)) >= 0)) {
      i--;
    }
    return s.substring(0, i);
  }

  /** startswith/endswith: one affix, or a tuple (a list here) of them, any of which may match. */
  private static boolean affix(String s, Object[] args, boolean start) {
    Object what = args.length > 0 ? args[0] : null;
    List<Object> options = what instanceof List<?> l ? new ArrayList<>(l) : List.of(String.valueOf(what));
    if (what == null || !(what instanceof String || what instanceof List<?>)) {
      throw new IllegalArgumentException((start ? "startswith" : "endswith")
          + " first arg must be str or a tuple of str, not " + PythonCollections.pythonType(what));
    }
    return options.stream().map(String::valueOf).anyMatch(a -> start ? s.startsWith(a) : s.endsWith(a));
  }

  private static String replace(String s, String old, String with, long count) {
    if (count < 0) {
      return s.replace(old, with);
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (long n = 0; n < count; n++) {
      int i = s.indexOf(old, at);
      if (i < 0) {
        break;
      }
      out.append(s, at, i).append(with);
      at = i + old.length();
      if (old.isEmpty()) {
        if (at < s.length()) {
          out.append(s.charAt(at));
        }
        at++;
      }
    }
    return at <= s.length() ? out.append(s.substring(Math.min(at, s.length()))).toString() : out.toString();
  }

  private static String title(String s) {
    StringBuilder out = new StringBuilder();
    boolean previousCased = false;
    for (char c : s.toCharArray()) {
      out.append(previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
      previousCased = Character.isLetter(c);
    }
    return out.toString();
  }

  private static String swapcase(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return out.toString();
  }

  private static final Pattern FIELD = Pattern.compile("\\{\\{|\\}\\}|\\{([0-9]*)\\}");

  /** str.format with positional fields ({@code {}}, {@code {0}}); a format spec or a named field fails. */
  private static String format(String s, Object[] args) {
    Matcher m = FIELD.matcher(s);
    StringBuilder out = new StringBuilder();
    int auto = 0;
    while (m.find()) {
      String token = m.group();
      String replacement;
      if (token.equals("{{")) {
        replacement = "{";
      } else if (token.equals("}}")) {
        replacement = "}";
      } else {
        int i = m.group(1).isEmpty() ? auto++ : Integer.parseInt(m.group(1));
        if (i >= args.length) {
          throw new IllegalArgumentException("Replacement index " + i + " out of range for positional args tuple");
        }
        replacement = PlainValues.pythonStr(args[i]);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    if (out.indexOf("{") >= 0 && !s.contains("{{")) {
      throw new IllegalArgumentException("a format field other than {} and {N} is not supported yet: `" + s + "`");
    }
    return out.toString();
  }

  private static String join(String sep, Object[] args) {
    List<String> parts = new ArrayList<>();
    for (Object item : PythonCollections.elements(args.length > 0 ? args[0] : null)) {
      if (!(item instanceof String str)) {
        throw new IllegalArgumentException("sequence item " + parts.size() + ": expected str instance, "
            + PythonCollections.pythonType(item) + " found");
      }
      parts.add(str);
    }
    return String.join(sep, parts);
  }

  private static long index(String s, String sub) {
    int i = s.indexOf(sub);
    if (i < 0) {
      throw new IllegalArgumentException("substring not found");
    }
    return i;
  }

  private static long count(String s, String sub) {
    if (sub.isEmpty()) {
      return s.length() + 1L;
    }
    long n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
      n++;
    }
    return n;
  }

  private static String zfill(String s, int width) {
    if (s.length() >= width) {
      return s;
    }
    boolean signed = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+');
    String zeros = "0".repeat(width - s.length());
    return signed ? s.charAt(0) + zeros + s.substring(1) : zeros + s;
  }

  private static String pad(String s, int width, String fill, boolean left) {
    if (s.length() >= width) {
      return s;
    }
    String p = fill.repeat(width - s.length());
    return left ? s + p : p + s;
  }
}
