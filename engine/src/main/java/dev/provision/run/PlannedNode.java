package dev.provision.run;

import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import java.util.List;

/**
 * What a saved plan knows of one (task, host) node: its result as the plan reported it (redacted),
 * and every fact or object the plan read for it, by fingerprint. {@code id} names the node by
 * position ({@link #idOf}), which is stable while the inputs are unchanged (their digests say so).
 */
public record PlannedNode(String id, String play, String task, String host, TaskResult result, List<Read> reads) {

  public PlannedNode {
    reads = List.copyOf(reads);
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

  static String idOf(dev.provision.graph.GraphNode node) {
    if (node instanceof dev.provision.graph.TaskNode t) {
      return "p" + t.playIndex() + ".t" + t.taskIndex() + "@" + t.host();
    }
    return "p" + node.playIndex() + ".facts@" + node.host();
  }
}
