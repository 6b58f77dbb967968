package dev.provision.inventory;

import java.util.function.IntConsumer;
import java.util.regex.Pattern;

/** Python string and number literal syntax, for {@link PythonLiteral}. */
final class PythonStrings {

  private static final String DIGITS = "[0-9](?:_?[0-9])*";
  private static final String EXPONENT = "[eE][-+]?" + DIGITS;

  /** Python 3 numeric literals without the imaginary suffix (a trailing j is rejected later). */
  static final Pattern NUMBER =
      Pattern.compile(
          "0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+"
              + "|(?:" + DIGITS + ")?\\." + DIGITS + "(?:" + EXPONENT + ")?"
              + "|" + DIGITS + "\\.(?:" + EXPONENT + ")?"
              + "|" + DIGITS + EXPONENT
              + "|" + DIGITS);

  private PythonStrings() {}

  /**
   * Reads one quoted literal starting at {@code start} (the opening quote), reports the position
   * after its closing quote, and returns its value.
   */
  static String read(String s, int start, String prefix, IntConsumer end) {
    char quote = s.charAt(start);
    boolean triple = s.startsWith(String.valueOf(quote).repeat(3), start);
    String close = triple ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
    boolean raw = prefix.contains("r");
    boolean bytes = prefix.contains("b");
    StringBuilder out = new StringBuilder();
    int i = start + close.length();
    while (true) {
      if (i >= s.length()) {
        throw new IllegalArgumentException("unterminated string");
      }
      if (s.startsWith(close, i)) {
        end.accept(i + close.length());
        return out.toString();
      }
      char c = s.charAt(i);
      if (c == '\n' && !triple) {
        throw new IllegalArgumentException("newline in string");
      }
      if (c != '\\') {
        if (bytes && c > 0x7f) {
          throw new IllegalArgumentException("bytes can only contain ASCII literal characters");
        }
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= s.length()) {
        throw new IllegalArgumentException("unterminated string");
      }
      if (raw) {
        // a raw string keeps the backslash, but it still protects the next character
        out.append(c).append(s.charAt(i + 1));
        i += 2;
        continue;
      }
      i = escape(s, i + 1, bytes, out);
    }
  }

  /** Decodes the escape whose letter is at {@code i}; returns the index after it. */
  private static int escape(String s, int i, boolean bytes, StringBuilder out) {
    char e = s.charAt(i);
    switch (e) {
      case '\n' -> {
        return i + 1;
      }
      case '\\', '\'', '"' -> out.append(e);
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'v' -> out.append('\u000b');
      case 'x' -> {
        return hex(s, i + 1, 2, out);
      }
      case 'u', 'U' -> {
        if (bytes) {
          out.append('\\').append(e);
          return i + 1;
        }
        return hex(s, i + 1, e == 'u' ? 4 : 8, out);
      }
      case 'N' -> throw new IllegalArgumentException("named unicode escapes are not supported");
      default -> {
        if (e >= '0' && e <= '7') {
          int j = i;
          while (j < s.length() && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
            j++;
          }
          out.appendCodePoint(Integer.parseInt(s.substring(i, j), 8));
          return j;
        }
        out.append('\\').append(e); // Python keeps unknown escapes as they are
      }
    }
    return i + 1;
  }

  private static int hex(String s, int i, int length, StringBuilder out) {
    if (i + length > s.length() || !s.substring(i, i + length).matches("[0-9a-fA-F]+")) {
      throw new IllegalArgumentException("truncated \\x, \\u or \\U escape");
    }
    int codePoint = Integer.parseUnsignedInt(s.substring(i, i + length), 16);
    if (!Character.isValidCodePoint(codePoint)) {
      throw new IllegalArgumentException("illegal Unicode character");
    }
    out.appendCodePoint(codePoint);
    return i + length;
  }
}
