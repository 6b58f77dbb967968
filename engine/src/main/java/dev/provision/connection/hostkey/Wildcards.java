package dev.provision.connection.hostkey;

/** OpenSSH host pattern matching: {@code *} is any run of characters, {@code ?} one character. */
final class Wildcards {

  private Wildcards() {}

  static boolean matches(String pattern, String text) {
    return matches(pattern.toLowerCase(java.util.Locale.ROOT), 0, text.toLowerCase(java.util.Locale.ROOT), 0);
  }

  private static boolean matches(String p, int pi, String t, int ti) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = ti; k <= t.length(); k++) {
          if (matches(p, pi + 1, t, k)) {
            return true;
          }
        }
        return false;
      }
      if (ti >= t.length() || (c != '?' && c != t.charAt(ti))) {
        return false;
      }
      pi++;
      ti++;
    }
    return ti == t.length();
  }
}
