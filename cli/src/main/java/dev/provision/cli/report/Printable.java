package dev.provision.cli.report;

/**
 * Text from hosts and playbooks made safe for a terminal: control characters (ESC, CR, BEL,
 * backspace, C1 controls such as CSI) and the bidirectional overrides that reorder what is shown
 * are written as visible escapes ({@code \e}, {@code \r}, {@code \a}, {@code \x08}, {@code \u202e}),
 * so a host cannot move the cursor, recolour or rewrite earlier lines, or ring the bell.
 */
public final class Printable {

  private Printable() {}

  /** One line: a newline becomes {@code \n} too, so a name or a summary never splits the line. */
  public static String line(String s) {
    return escape(s, false);
  }

  /** Several lines: newlines stay, every other control character is escaped; tabs stay. */
  public static String lines(String s) {
    return escape(s, true);
  }

  private static String escape(String s, boolean keepNewlines) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String replacement = replacement(c, keepNewlines);
      if (replacement != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  private static String replacement(char c, boolean keepNewlines) {
    if (c == '\n') {
      return keepNewlines ? null : "\\n";
    }
    if (c == '\t') {
      return keepNewlines ? null : " ";
    }
    if (c == '\r') {
      return "\\r";
    }
    if (c == 0x1b) {
      return "\\e";
    }
    if (c == 0x07) {
      return "\\a";
    }
    if (c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f) {
      return String.format("\\x%02x", (int) c);
    }
    if (c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
      return String.format("\\u%04x", (int) c);
    }
    return null;
  }
}
