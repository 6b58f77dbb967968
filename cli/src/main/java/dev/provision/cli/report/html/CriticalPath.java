package dev.provision.cli.report.html;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The run's critical path: the chain of nodes, each waiting for the one before it along the DAG's
 * dependency edges ({@code needs}), whose wall times add up to the most. Shortening the run means
 * shortening one of these. Ties go to the chain that ends later, then to the lower node number,
 * so the same events always give the same path.
 */
final class CriticalPath {

  private CriticalPath() {}

  /** The node numbers of the path, first to last; empty when there are no nodes. */
  static List<Integer> of(List<NodeRun> nodes) {
    Map<Integer, NodeRun> byId = new HashMap<>();
    nodes.forEach(n -> byId.put(n.id(), n));
    // Kahn's order over the needs edges (iterative: a host may run thousands of nodes in a row)
    Map<Integer, Integer> waitingOn = new HashMap<>();
    Map<Integer, List<Integer>> dependents = new HashMap<>();
    for (NodeRun n : nodes) {
      int count = 0;
      for (int need : n.needs()) {
        if (byId.containsKey(need) && need != n.id()) { // a need that never reported is no edge
          dependents.computeIfAbsent(need, k -> new ArrayList<>()).add(n.id());
          count++;
        }
      }
      waitingOn.put(n.id(), count);
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    waitingOn.forEach((id, count) -> {
      if (count == 0) {
        ready.add(id);
      }
    });
    Map<Integer, Long> longest = new HashMap<>();
    Map<Integer, Integer> before = new HashMap<>();
    while (!ready.isEmpty()) {
      NodeRun n = byId.get(ready.poll());
      NodeRun best = null;
      for (int need : n.needs()) {
        NodeRun m = byId.get(need);
        if (m != null && longest.containsKey(need) && (best == null || better(m, longest.get(need), best, longest.get(best.id())))) {
          best = m;
        }
      }
      longest.put(n.id(), (best == null ? 0 : longest.get(best.id())) + n.durationMs());
      if (best != null) {
        before.put(n.id(), best.id());
      }
      for (int d : dependents.getOrDefault(n.id(), List.of())) {
        if (waitingOn.merge(d, -1, Integer::sum) == 0) {
          ready.add(d);
        }
      }
    }
    NodeRun last = null;
    for (NodeRun n : nodes) {
      Long length = longest.get(n.id()); // null only inside a cycle, which a valid stream never has
      if (length != null && (last == null || better(n, length, last, longest.get(last.id())))) {
        last = n;
      }
    }
    List<Integer> path = new ArrayList<>();
    for (Integer id = last == null ? null : last.id(); id != null; id = before.get(id)) {
      path.add(id);
    }
    Collections.reverse(path);
    return path;
  }

  private static boolean better(NodeRun a, long aLength, NodeRun b, long bLength) {
    if (aLength != bLength) {
      return aLength > bLength;
    }
    if (a.endMs() != b.endMs()) {
      return a.endMs() > b.endMs();
    }
    return a.id() < b.id();
  }
}
