package dev.provision.connection;

import java.util.List;
import java.util.regex.Pattern;

/** POSIX shell quoting: every value that reaches a command line goes through here. */
public final class Shell {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private Shell() {}

  /** Single-quotes a word unless it is plainly safe; a quote inside becomes {@code '"'"'}. */
  public static String quote(String word) {
    if (!word.isEmpty() && SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }

  public static String join(List<String> words) {
    StringBuilder out = new StringBuilder();
    for (String word : words) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(quote(word));
    }
    return out.toString();
  }
}
