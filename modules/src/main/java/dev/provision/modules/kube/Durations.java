package dev.provision.modules.kube;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Timeouts as people write them: {@code 300} (seconds), {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

  private Durations() {}

  public static Duration parse(String text) {
    String s = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (s.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(s));
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (m.find() && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        case "s" -> Duration.ofSeconds(n);
        default -> Duration.ofMillis(n);
      });
      at = m.end();
    }
    if (at == 0 || at != s.length()) {
      throw new IllegalArgumentException("`" + text + "` is not a duration; write it like 300, 90s, 5m or 1h30m");
    }
    return total;
  }

  /** Short form for messages: 5m, 1m30s, 800ms. */
  public static String format(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    StringBuilder out = new StringBuilder();
    if (s >= 3600) {
      out.append(s / 3600).append('h');
    }
    if (s % 3600 >= 60) {
      out.append(s % 3600 / 60).append('m');
    }
    if (s % 60 != 0 || out.length() == 0) {
      out.append(s % 60).append('s');
    }
    return out.toString();
  }
}
