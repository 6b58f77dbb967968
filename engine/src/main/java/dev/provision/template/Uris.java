package dev.provision.template;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's {@code uri}, {@code url} and {@code urn} tests, reading text as Python's {@code urlparse} does. */
final class Uris {

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):(.*)$", Pattern.DOTALL);

  private Uris() {}

  static boolean isUri(String value, Object schemes) {
    String scheme = scheme(value);
    if (schemes instanceof Collection<?> wanted && !wanted.isEmpty()) {
      return wanted.stream().anyMatch(s -> String.valueOf(s).equals(scheme));
    }
    return true;
  }

  static boolean isUrl(String value, Object schemes) {
    if (!isUri(value, schemes)) {
      return false;
    }
    Matcher m = SCHEME.matcher(value);
    String rest = m.matches() ? m.group(2) : value;
    boolean netloc = rest.startsWith("//") && rest.length() > 2 && "/?#".indexOf(rest.charAt(2)) < 0;
    return netloc || scheme(value).equals("file");
  }

  private static String scheme(String value) {
    Matcher m = SCHEME.matcher(value);
    return m.matches() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : "";
  }
}
