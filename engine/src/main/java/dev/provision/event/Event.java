package dev.provision.event;

import dev.provision.module.Mode;
import java.time.Duration;
import java.util.List;

/**
 * Everything a run reports goes through events; reporters (text, JSON lines) render them. The
 * engine never prints.
 */
public sealed interface Event {

  record RunStarted(Mode mode, String playbook, int plays, int hosts, int nodes) implements Event {}

  record PlayStarted(String play, List<String> hosts) implements Event {}

  /**
   * A (task, host) node starts. {@code node} numbers the node within the run (every task event of
   * the node carries it); {@code module} is the module the task calls, as written; {@code waits}
   * says that the module declares it waits ({@code ParamSchema.waits}).
   */
  record TaskStarted(String play, String task, String host, int attempt, int node, String module, boolean waits)
      implements Event {}

  /** A live progress line for a long task (waits, downloads). */
  record TaskProgress(String play, String task, String host, String message, Duration elapsed, int node)
      implements Event {}

  /** A task failed and will be tried again ({@code retries}/{@code until}). */
  record TaskRetrying(String play, String task, String host, int attempt, int retries, String reason, int node)
      implements Event {}

  /**
   * A node finished, or was skipped without running. {@code needs} are the nodes it waited for: its
   * dependencies in the graph, a play's barrier replaced by the nodes the barrier waits for. {@code diff}
   * is the task's {@code diff} keyword (null: unset): {@code true} shows its diffs without {@code --diff},
   * as Ansible does.
   */
  record TaskFinished(String play, String task, String host, TaskResult result, int node, List<Integer> needs,
      Boolean diff) implements Event {

    public TaskFinished(String play, String task, String host, TaskResult result, int node, List<Integer> needs) {
      this(play, task, host, result, node, needs, null);
    }

    /** Whether a reporter shows this task's diffs, given whether {@code --diff} asks for them. */
    public boolean showsDiffs(boolean diffOption) {
      return diff != null ? diff : diffOption;
    }
  }

  record RunFinished(Mode mode, Recap recap, Duration elapsed) implements Event {}
}
