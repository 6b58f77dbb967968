package dev.provision.template;

import com.hubspot.jinjava.interpret.InterpretException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python's printf-style formatting, {@code '%05.2f' % x}, {@code '%s-%s' % (a, b)} and
 * {@code '%(port)s' % conf}: what Jinja's {@code %} operator and {@code format} filter do with a
 * string. Conversions s, r, d, i, u, f, F, e, E, g, G, x, X, o, c and %, with the flags
 * {@code -+ 0#}, width and precision ({@code *} too). Errors are Python's.
 */
final class PythonFormat {

  private PythonFormat() {}

  /**
   * {@code format % args}: {@code args} is a mapping (for {@code %(name)s}), a tuple's items (when
   * {@code tuple}), or one value.
   */
  static String percent(String format, Object args, boolean tuple) {
    List<?> values = tuple ? (List<?>) args : List.of(args == null ? NONE : args);
    Map<?, ?> mapping = args instanceof Map<?, ?> m ? m : null;
    StringBuilder out = new StringBuilder();
    int next = 0;
    boolean named = false;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i >= format.length()) {
        throw new InterpretException("incomplete format");
      }
      String key = null;
      if (format.charAt(i) == '(') {
        int close = format.indexOf(')', i);
        if (close < 0) {
          throw new InterpretException("incomplete format key");
        }
        key = format.substring(i + 1, close);
        i = close + 1;
      }
      StringBuilder flags = new StringBuilder();
      while (i < format.length() && "-+ #0".indexOf(format.charAt(i)) >= 0) {
        flags.append(format.charAt(i++));
      }
      int width = -1;
      if (i < format.length() && format.charAt(i) == '*') {
        width = (int) integer(arg(values, next++));
        i++;
      } else {
        int start = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          i++;
        }
        width = i > start ? Integer.parseInt(format.substring(start, i)) : -1;
      }
      int precision = -1;
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        if (i < format.length() && format.charAt(i) == '*') {
          precision = (int) integer(arg(values, next++));
          i++;
        } else {
          int start = i;
          while (i < format.length() && Character.isDigit(format.charAt(i))) {
            i++;
          }
          precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
        }
      }
      while (i < format.length() && "hlL".indexOf(format.charAt(i)) >= 0) {
        i++; // Python accepts and ignores length modifiers
      }
      if (i >= format.length()) {
        throw new InterpretException("incomplete format");
      }
      char type = format.charAt(i++);
      if (type == '%') {
        out.append('%');
        continue;
      }
      Object value;
      if (key != null) {
        if (mapping == null) {
          throw new InterpretException("format requires a mapping");
        }
        if (!mapping.containsKey(key)) {
          throw new InterpretException("KeyError: '" + key + "'");
        }
        named = true;
        value = mapping.get(key);
      } else {
        value = arg(values, next++);
      }
      out.append(pad(convert(type, flags.toString(), precision, value), flags.toString(), width,
          "diufFeEgGxXo".indexOf(type) >= 0));
    }
    if (!named && mapping == null && next < values.size()) {
      throw new InterpretException("not all arguments converted during string formatting");
    }
    return out.toString();
  }

  /** Python's None, as a value that is not Java's null (a list cannot hold it). */
  private static final Object NONE = new Object() {
    @Override
    public String toString() {
      return "None";
    }
  };

  private static Object arg(List<?> values, int index) {
    if (index >= values.size()) {
      throw new InterpretException("not enough arguments for format string");
    }
    Object v = values.get(index);
    return v == NONE ? null : v;
  }

  private static String convert(char type, String flags, int precision, Object value) {
    return switch (type) {
      case 's' -> cut(PlainValues.pythonStr(value), precision);
      case 'r' -> cut(value instanceof CharSequence s ? "'" + s + "'" : PlainValues.pythonStr(value), precision);
      case 'd', 'i', 'u' -> sign(flags, BigInteger.valueOf(integer(value)).toString());
      case 'x' -> sign(flags, (flags.contains("#") ? "0x" : "") + Long.toHexString(integer(value)));
      case 'X' -> sign(flags, (flags.contains("#") ? "0X" : "") + Long.toHexString(integer(value)).toUpperCase(Locale.ROOT));
      case 'o' -> sign(flags, (flags.contains("#") ? "0o" : "") + Long.toOctalString(integer(value)));
      case 'c' -> value instanceof CharSequence s ? s.toString() : String.valueOf((char) integer(value));
      case 'f', 'F', 'e', 'E', 'g', 'G' -> sign(flags, floating(type, precision < 0 ? 6 : precision, number(value)));
      default -> throw new InterpretException("unsupported format character '" + type + "'");
    };
  }

  private static String cut(String s, int precision) {
    return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
  }

  private static String sign(String flags, String digits) {
    if (digits.startsWith("-")) {
      return digits;
    }
    return flags.contains("+") ? "+" + digits : flags.contains(" ") ? " " + digits : digits;
  }

  private static String floating(char type, int precision, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      String s = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
      return Character.isUpperCase(type) ? s.toUpperCase(Locale.ROOT) : s;
    }
    return switch (type) {
      case 'f', 'F' -> String.format(Locale.ROOT, "%." + precision + "f", d);
      case 'e', 'E' -> String.format(Locale.ROOT, "%." + precision + (type == 'e' ? "e" : "E"), d); // as Python's
      default -> general(type, precision == 0 ? 1 : precision, d);
    };
  }

  /** {@code %g}: the shorter of %e and %f at {@code precision} significant digits, without trailing zeros. */
  private static String general(char type, int precision, double d) {
    if (d == 0) {
      return "0";
    }
    int exp = (int) Math.floor(Math.log10(Math.abs(d)));
    String s;
    if (exp < -4 || exp >= precision) {
      s = String.format(Locale.ROOT, "%." + (precision - 1) + "e", d);
      String[] parts = s.split("e");
      s = stripZeros(parts[0]) + "e" + parts[1];
    } else {
      s = stripZeros(String.format(Locale.ROOT, "%." + Math.max(0, precision - 1 - exp) + "f", d));
    }
    return type == 'G' ? s.toUpperCase(Locale.ROOT) : s;
  }

  private static String stripZeros(String s) {
    if (!s.contains(".")) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String pad(String s, String flags, int width, boolean numeric) {
    if (width <= s.length()) {
      return s;
    }
    String fill = " ".repeat(width - s.length());
    if (flags.contains("-")) {
      return s + fill;
    }
    if (flags.contains("0") && numeric) {
      int sign = s.startsWith("-") || s.startsWith("+") || s.startsWith(" ") ? 1 : 0;
      return s.substring(0, sign) + "0".repeat(width - s.length()) + s.substring(sign);
    }
    return fill + s;
  }

  private static long integer(Object value) {
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof Number n) {
      return n.longValue(); // Python truncates a float for %d
    }
    throw new InterpretException("%d format: a number is required, not " + PythonCollections.pythonType(value));
  }

  private static double number(Object value) {
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new InterpretException("must be real number, not " + PythonCollections.pythonType(value));
  }
}
