package dev.provision.run;

import java.util.List;
import java.util.Map;

/** What one run of a task's module came to on a host: the task's, or one loop item's. */
sealed interface Outcome {

  /** {@code when} was false. */
  record Skipped() implements Outcome {}

  /** Plan mode: it reads a value only apply will know. */
  record Deferred(String reason) implements Outcome {}

  /** The host could not be reached. */
  record Unreachable(String message) implements Outcome {}

  /** The module ran (or failed before it could), after {@code attempts} tries. */
  record Done(Attempt attempt, int attempts) implements Outcome {}

  /** A failure before the module ran: unknown module, arguments refused by its schema. */
  static Outcome failed(String message) {
    return new Done(Attempt.failure(message, Map.of(), List.of(), List.of(), false), 1);
  }
}
