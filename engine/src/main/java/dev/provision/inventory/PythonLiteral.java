package dev.provision.inventory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code ast.literal_eval}, which Ansible's INI inventory applies to every value: numbers,
 * strings (with prefixes and escapes), True/False/None, lists, tuples (as lists), dicts and a
 * signed number. Anything else is not a literal and Ansible keeps the text as a string.
 * Complex numbers, sets, bytes escapes beyond ASCII and Ellipsis are out of scope (kept as text).
 */
final class PythonLiteral {

  private final String s;
  private int pos;
  private int depth;

  private PythonLiteral(String s) {
    this.s = s;
  }

  /** The value as Ansible's INI plugin types it: the literal, or the text itself. */
  static Object typeIniValue(String text) {
    PythonLiteral p = new PythonLiteral(stripLeading(text));
    try {
      p.skip();
      Object value = p.expressionList();
      p.skip();
      return p.pos == p.s.length() ? value : text;
    } catch (IllegalArgumentException e) {
      return text; // literal_eval raised ValueError or SyntaxError: Ansible keeps the string
    }
  }

  private static String stripLeading(String text) {
    int i = 0;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return text.substring(i);
  }

  /** A top-level or parenthesised expression: one value, or a tuple when commas appear. */
  private Object expressionList() {
    Object first = value();
    skip();
    if (peek() != ',') {
      return first;
    }
    List<Object> tuple = new ArrayList<>();
    tuple.add(first);
    while (peek() == ',') {
      pos++;
      skip();
      if (atEnd() || peek() == ')') {
        break;
      }
      tuple.add(value());
      skip();
    }
    return tuple;
  }

  private Object value() {
    skip();
    if (atEnd()) {
      throw fail();
    }
    char c = peek();
    if (c == '[') {
      return sequence('[', ']');
    } else if (c == '(') {
      return parenthesised();
    } else if (c == '{') {
      return dict();
    } else if (c == '-' || c == '+') {
      pos++;
      skip();
      Object n = number();
      return c == '+' ? n : negate(n);
    } else if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
      return number();
    }
    int start = pos;
    while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      pos++;
    }
    String word = s.substring(start, pos);
    if (!atEnd() && (peek() == '\'' || peek() == '"') && word.matches("(?i)(r|u|b|br|rb)?")) {
      return strings(word.toLowerCase(java.util.Locale.ROOT));
    }
    return switch (word) {
      case "True" -> Boolean.TRUE;
      case "False" -> Boolean.FALSE;
      case "None" -> null;
      default -> throw fail();
    };
  }

  private Object parenthesised() {
    pos++;
    depth++;
    skip();
    if (peek() == ')') {
      pos++;
      depth--;
      return new ArrayList<>();
    }
    Object inner = expressionList();
    skip();
    expect(')');
    depth--;
    return inner;
  }

  private List<Object> sequence(char open, char close) {
    pos++;
    depth++;
    List<Object> items = new ArrayList<>();
    skip();
    while (peek() != close) {
      items.add(value());
      skip();
      if (peek() == ',') {
        pos++;
        skip();
      } else if (peek() != close) {
        throw fail();
      }
    }
    pos++;
    depth--;
    return items;
  }

  private Map<String, Object> dict() {
    pos++;
    depth++;
    Map<String, Object> map = new LinkedHashMap<>();
    skip();
    while (peek() != '}') {
      Object key = value();
      skip();
      expect(':');
      Object v = value();
      map.put(keyText(key), v);
      skip();
      if (peek() == ',') {
        pos++;
        skip();
      } else if (peek() != '}') {
        throw fail(); // a set literal, or garbage
      }
    }
    pos++;
    depth--;
    return map;
  }

  /** JSON keys are strings; Python's json module writes True as "true" and None as "null". */
  private static String keyText(Object key) {
    if (key == null) {
      return "null";
    } else if (key instanceof Boolean b) {
      return b.toString();
    } else if (key instanceof List<?> || key instanceof Map<?, ?>) {
      throw fail();
    }
    return String.valueOf(key);
  }

  private String strings(String prefix) {
    StringBuilder out = new StringBuilder(PythonStrings.read(s, pos, prefix, this::advanceTo));
    skip();
    // implicit concatenation: "a" 'b'
    while (!atEnd()) {
      int save = pos;
      int start = pos;
      while (!atEnd() && Character.isLetter(peek())) {
        pos++;
      }
      String p = s.substring(start, pos);
      if (!atEnd() && (peek() == '\'' || peek() == '"') && p.matches("(?i)(r|u|b|br|rb)?")) {
        out.append(PythonStrings.read(s, pos, p.toLowerCase(java.util.Locale.ROOT), this::advanceTo));
        skip();
      } else {
        pos = save;
        break;
      }
    }
    return out.toString();
  }

  private void advanceTo(int newPos) {
    pos = newPos;
  }

  private Object number() {
    java.util.regex.Matcher m = PythonStrings.NUMBER.matcher(s).region(pos, s.length());
    if (!m.lookingAt()) {
      throw fail();
    }
    String text = m.group();
    pos = m.end();
    if (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '.')) {
      throw fail(); // "1abc", "1j" (complex), "010"
    }
    String clean = text.replace("_", "").toLowerCase(java.util.Locale.ROOT);
    if (clean.startsWith("0x")) {
      return integer(new BigInteger(clean.substring(2), 16));
    } else if (clean.startsWith("0o")) {
      return integer(new BigInteger(clean.substring(2), 8));
    } else if (clean.startsWith("0b")) {
      return integer(new BigInteger(clean.substring(2), 2));
    } else if (clean.contains(".") || clean.contains("e")) {
      return Double.parseDouble(clean);
    } else if (clean.length() > 1 && clean.startsWith("0") && !clean.matches("0+")) {
      throw fail(); // leading zeros in a decimal integer are a SyntaxError in Python 3
    }
    return integer(new BigInteger(clean));
  }

  private static Object integer(BigInteger v) {
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }

  private static Object negate(Object n) {
    if (n instanceof Long l) {
      return l == Long.MIN_VALUE ? BigInteger.valueOf(l).negate() : -l;
    } else if (n instanceof BigInteger b) {
      return integer(b.negate());
    }
    return -((Double) n);
  }

  /** Whitespace and comments; newlines and continuations only count inside brackets. */
  private void skip() {
    while (!atEnd()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\f') {
        pos++;
      } else if (c == '#') {
        while (!atEnd() && peek() != '\n') {
          pos++;
        }
      } else if ((c == '\n' || c == '\r') && depth > 0) {
        pos++;
      } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
        pos += 2;
      } else if ((c == '\n' || c == '\r') && s.substring(pos).isBlank()) {
        pos = s.length();
      } else {
        return;
      }
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw fail();
    }
    pos++;
  }

  private char peek() {
    return atEnd() ? '\0' : s.charAt(pos);
  }

  private boolean atEnd() {
    return pos >= s.length();
  }

  private static IllegalArgumentException fail() {
    return new IllegalArgumentException("not a Python literal");
  }
}
