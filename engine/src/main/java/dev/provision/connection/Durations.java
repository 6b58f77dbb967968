package dev.provision.connection;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in playbooks, Ansible's and Go's way: a bare number is seconds
 * ({@code 30}, {@code 0.5}), otherwise numbers with units {@code h}, {@code m}, {@code s} and
 * {@code ms} ({@code 90s}, {@code 5m}, {@code 1h30m}, {@code 500ms}, {@code 1.5s}). The one
 * parser for task keywords ({@code timeout}, {@code delay}) and for module parameters of type
 * {@code ParamType.DURATION}; {@link #format} writes them back the same way for messages.
 */
public final class Durations {

  /** What a duration looks like, for error messages and hints. */
  public static final String EXAMPLES = "30 (seconds), 90s, 5m, 1h30m, 500ms or 1.5s";

  private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?|\\.\\d+");
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(ms|h|m|s)");

  private Durations() {}

  /** A YAML or rendered value: a whole or fractional number of seconds, or text for {@link #parse}. */
  public static Duration of(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Double || value instanceof BigDecimal) {
      return parse(new BigDecimal(String.valueOf(value)).toPlainString());
    }
    if (value instanceof Duration d) {
      return d;
    }
    if (value instanceof String s) {
      return parse(s);
    }
    throw new IllegalArgumentException(value + " is not a duration; write it like " + EXAMPLES);
  }

  public static Duration parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (SECONDS.matcher(s).matches()) {
      return nanos(new BigDecimal(s), 1_000_000_000L);
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (m.find() && m.start() == at) {
      long unit = switch (m.group(2)) {
        case "h" -> 3_600_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "s" -> 1_000_000_000L;
        default -> 1_000_000L;
      };
      total = total.plus(nanos(new BigDecimal(m.group(1)), unit));
      at = m.end();
    }
    if (at == 0 || at != s.length()) {
      throw new IllegalArgumentException("`" + text + "` is not a duration; write it like " + EXAMPLES);
    }
    return total;
  }

  private static Duration nanos(BigDecimal amount, long unitNanos) {
    return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(unitNanos)).longValue());
  }

  /** Short form for messages, readable back by {@link #parse}: 5m, 1m30s, 1.5s, 800ms, 1h. */
  public static String format(Duration d) {
    if (d == null) {
      return "no limit";
    }
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    StringBuilder out = new StringBuilder();
    long hours = ms / 3_600_000;
    long minutes = ms % 3_600_000 / 60_000;
    long millis = ms % 60_000;
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (millis > 0) {
      out.append(BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString()).append('s');
    }
    return out.toString();
  }
}
