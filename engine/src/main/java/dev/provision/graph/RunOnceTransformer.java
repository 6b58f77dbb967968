package dev.provision.graph;

import dev.provision.diag.Diagnostics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code run_once} task runs on the first host of its batch that gets to it, and every other host of
 * the batch takes its result: each host's node of such a task waits for the previous host's (in the play's host
 * order), so the hosts decide one after another who runs it. An edge between two hosts' nodes orders
 * them only: a failure on one host does not skip the other's node ({@code Walker}). A {@code meta} task
 * that acts for every host ({@code end_play}, {@code clear_facts}) is a barrier too: no host goes past
 * it before the last host's node of it is done, as under Ansible's linear strategy.
 */
public final class RunOnceTransformer implements GraphTransformer {

  /** A run_once task runs once per {@code serial} batch, as in Ansible. */
  static String key(TaskGraph graph, TaskNode t) {
    return t.playIndex() + "/" + t.taskIndex() + "/" + graph.batchOf(t.playIndex(), t.host()).get(0);
  }

  @Override
  public void transform(TaskGraph graph, Diagnostics diagnostics) {
    Map<String, TaskNode> previous = new HashMap<>();
    for (GraphNode n : graph.graph().vertices()) { // a task's nodes in the play's host order
      if (n instanceof TaskNode t && t.task().runOnce()) {
        TaskNode before = previous.put(key(graph, t), t);
        if (before != null) {
          graph.graph().connect(t, before);
        }
      }
    }
    for (List<GraphNode> sequence : HostSequenceTransformer.sequences(graph).values()) {
      for (int i = 0; i + 1 < sequence.size(); i++) {
        if (sequence.get(i) instanceof TaskNode t && t.task().runOnce() && t.task().metaAction() != null) {
          TaskNode last = previous.get(key(graph, t));
          if (last != t) {
            graph.graph().connect(sequence.get(i + 1), last);
          }
        }
      }
    }
  }
}
