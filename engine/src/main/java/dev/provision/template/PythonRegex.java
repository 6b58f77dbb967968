package dev.provision.template;

import java.util.regex.Pattern;

/** Python's {@code re} syntax in Java's: named groups {@code (?P<n>..)}, {@code (?P=n)}, {@code \Z}. */
final class PythonRegex {

  private PythonRegex() {}

  static Pattern compile(String pattern, boolean ignorecase, boolean multiline) {
    int flags = (ignorecase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0) | (multiline ? Pattern.MULTILINE : 0);
    return Pattern.compile(java(pattern), flags);
  }

  static String java(String pattern) {
    if (!pattern.contains("(?P") && !pattern.contains("\\Z")) {
      return pattern;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        char next = pattern.charAt(i + 1);
        out.append(next == 'Z' ? "\\z" : "\\" + next);
        i++;
      } else if (pattern.startsWith("(?P<", i)) {
        out.append("(?<");
        i += 3;
      } else if (pattern.startsWith("(?P=", i)) {
        int end = pattern.indexOf(')', i);
        out.append("\\k<").append(pattern, i + 4, end).append('>');
        i = end;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
