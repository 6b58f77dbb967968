package dev.provision.connection;

import java.time.Duration;

/** Short human durations for messages: {@code 1.5 s}, {@code 250 ms}, {@code 2 min}. */
final class Durations {

  private Durations() {}

  static String text(Duration d) {
    if (d == null) {
      return "no limit";
    }
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return (ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0)) + " s";
    }
    return (ms / 60_000) + " min";
  }
}
