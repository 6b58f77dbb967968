package dev.provision.cli.report.html;

import dev.provision.cli.report.Printable;

/**
 * The one place that puts text into the report's HTML: control characters and bidirectional
 * overrides first made visible ({@link Printable}, as for a terminal), then the characters that
 * HTML gives meaning to ({@code & < > " '}) written as entities, so host text is only ever text.
 */
final class Html {

  private Html() {}

  /** For element content and attribute values (always quoted): one line. */
  static String line(String s) {
    return markup(Printable.line(s));
  }

  /** For element content that keeps its newlines ({@code <pre>}). */
  static String lines(String s) {
    return markup(Printable.lines(s));
  }

  private static String markup(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
