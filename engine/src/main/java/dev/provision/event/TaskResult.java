package dev.provision.event;

import dev.provision.module.Diff;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The result of one (task, host) node, already redacted of secrets. {@code actions} are the
 * descriptions of what was (apply) or would be (plan) done; {@code data} is what {@code register}
 * stores.
 */
public record TaskResult(
    Status status, String message, List<Diff> diffs, List<String> actions, Map<String, Object> data,
    Duration elapsed) {

  public TaskResult {
    diffs = List.copyOf(diffs);
    actions = List.copyOf(actions);
    data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }

  public static TaskResult skipped(String reason) {
    return new TaskResult(Status.SKIPPED, reason, List.of(), List.of(), Map.of(), Duration.ZERO);
  }
}
