package dev.provision.cli;

import dev.provision.cli.report.TextReporter;
import java.time.Duration;

/**
 * How often, when output is not a terminal, a line says that a task is still running: 30 s, or
 * {@code PROVISION_HEARTBEAT} seconds (a decimal number; tests use a fraction of a second).
 */
final class Heartbeat {

  static final String VARIABLE = "PROVISION_HEARTBEAT";

  private Heartbeat() {}

  static Duration fromEnvironment() {
    String value = System.getenv(VARIABLE);
    if (value == null || value.isBlank()) {
      return TextReporter.Options.DEFAULT_HEARTBEAT;
    }
    try {
      double seconds = Double.parseDouble(value.strip());
      if (seconds > 0 && seconds < 86_400) {
        return Duration.ofMillis(Math.max(100, Math.round(seconds * 1000)));
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new CliErrors.UserError(VARIABLE + "=" + value + " is not a number of seconds (e.g. 30 or 0.5)");
  }
}
