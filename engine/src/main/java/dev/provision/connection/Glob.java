package dev.provision.connection;

import java.util.regex.Pattern;

/** Python's fnmatch.translate: shell wildcards ({@code *}, {@code ?}, {@code [abc]}, {@code [!abc]}) as a regex. */
public final class Glob {

  private Glob() {}

  public static String toRegex(String glob) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i++);
      if (c == '*') {
        out.append(".*");
      } else if (c == '?') {
        out.append('.');
      } else if (c == '[') {
        int j = i;
        if (j < n && glob.charAt(j) == '!') {
          j++;
        }
        if (j < n && glob.charAt(j) == ']') {
          j++;
        }
        while (j < n && glob.charAt(j) != ']') {
          j++;
        }
        if (j >= n) {
          out.append("\\[");
        } else {
          String stuff = glob.substring(i, j).replace("\\", "\\\\").replace("[", "\\[");
          i = j + 1;
          if (stuff.startsWith("!")) {
            stuff = "^" + stuff.substring(1);
          } else if (stuff.startsWith("^")) {
            stuff = "\\" + stuff;
          }
          out.append('[').append(stuff).append(']');
        }
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return "(?s:" + out + ")\\z";
  }
}
