package dev.provision.run;

import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import java.util.List;

/**
 * What a saved plan knows of one (task, host) node: its result as the plan reported it (redacted),
 * and every fact or object the plan read for it, by fingerprint. {@code id} names the node by
 * position ({@link #idOf}), which is stable while the inputs are unchanged (their digests say so).
 * {@code diff} is the task's {@code diff} keyword (null: unset), so that showing the plan shows a
 * {@code diff: true} task's diffs as the plan run did.
 */
public record PlannedNode(String id, String play, String task, String host, TaskResult result, List<Read> reads,
    List<String> hiddenActions, Boolean diff) {

  public PlannedNode {
    reads = List.copyOf(reads);
    hiddenActions = List.copyOf(hiddenActions);
  }

  /** The actions the apply must match: a {@code no_log} task's are kept only as fingerprints ({@code hiddenActions}). */
  List<String> comparedActions() {
    return hiddenActions.isEmpty() ? result.actions() : hiddenActions;
  }

  /**
   * One read: {@code checked} is false when the host had a change pending before it (an earlier task
   * of the plan changes the host first), so the apply may rightly see something else; only the
   * node's actions are compared then (and every read by {@code --refuse-stale=all}'s re-plan).
   */
  public record Read(String key, String subject, String fingerprint, boolean checked) {}

  /** "Known after apply": planned again and checked when applied, not compared with the plan. */
  public boolean knownAfterApply() {
    return result.status() == Status.DEFERRED;
  }

  /**
   * Planned while an earlier task of the plan had a change pending on the host: what it read may not
   * be what the apply reads (the copy before a lineinfile on the same file). When the apply does read
   * something else there, the details of its actions (a size, a count) may rightly differ, and they
   * are compared with numbers left out ({@link PlanCheck}).
   */
  public boolean predicted() {
    return reads.stream().anyMatch(r -> !r.checked());
  }

  static String idOf(dev.provision.graph.GraphNode node) {
    if (node instanceof dev.provision.graph.TaskNode t) {
      return "p" + t.playIndex() + ".t" + t.taskIndex() + "@" + t.host();
    }
    return "p" + node.playIndex() + ".facts@" + node.host();
  }
}
