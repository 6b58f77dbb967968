package dev.provision.module;

import dev.provision.connection.ConnectionException;
import java.util.Map;

/**
 * One change a plan would make. {@link #describe()} is shown by {@code --plan}; {@link #apply} makes
 * the change and returns data for {@code register} (merged into the task's result).
 */
public interface Action {

  String describe();

  Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException;

  /**
   * The task's message once this action has run, from the data {@code apply} returned ("2/2 pods
   * ready", not the plan's "now: 0/2"), or null to keep the plan's message. The last action of a
   * plan that gives one wins.
   */
  default String appliedMessage(Map<String, Object> applied) {
    return null;
  }

  /**
   * The files this action writes, with their new content when it knows it. While planning, a later
   * task of the same host that reads one of them is planned on that content
   * ({@link HostContext#plannedWrite}), not on the file as it is before the run.
   */
  default java.util.List<PlannedWrite> writes() {
    return java.util.List.of();
  }
}
