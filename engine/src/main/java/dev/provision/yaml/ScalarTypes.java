package dev.provision.yaml;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Types plain scalars the way Ansible's YAML 1.1 loader does: null, booleans (including yes/no and
 * on/off), integers (decimal, 0x, 0o and leading-zero octal), floats; everything else is a string.
 */
public final class ScalarTypes {

  private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
  private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
  private static final Pattern OCT = Pattern.compile("[-+]?0o?[0-7_]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+");

  private ScalarTypes() {}

  public static Object resolve(String text) {
    switch (text) {
      case "", "~", "null", "Null", "NULL":
        return null;
      case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON":
        return Boolean.TRUE;
      case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF":
        return Boolean.FALSE;
      case ".inf", ".Inf", ".INF", "+.inf":
        return Double.POSITIVE_INFINITY;
      case "-.inf", "-.Inf", "-.INF":
        return Double.NEGATIVE_INFINITY;
      case ".nan", ".NaN", ".NAN":
        return Double.NaN;
      default:
        break;
    }
    try {
      String clean = text.replace("_", "");
      if (INT.matcher(text).matches()) {
        return Long.parseLong(clean);
      }
      if (HEX.matcher(text).matches()) {
        boolean negative = clean.startsWith("-");
        long v = Long.parseLong(clean.replaceFirst("^[-+]?0x", ""), 16);
        return negative ? -v : v;
      }
      if (OCT.matcher(text).matches() && clean.replaceFirst("^[-+]", "").length() > 1) {
        boolean negative = clean.startsWith("-");
        long v = Long.parseLong(clean.replaceFirst("^[-+]?0o?", ""), 8);
        return negative ? -v : v;
      }
      if (FLOAT.matcher(text).matches() && !text.equals(".")) {
        return Double.parseDouble(clean);
      }
    } catch (NumberFormatException e) {
      return text;
    }
    return text;
  }

  /** Ansible-style truthiness of a string such as an INI value or a rendered `when`. */
  public static boolean isTruthyWord(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("1") || t.equals("y");
  }
}
