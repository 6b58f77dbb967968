package dev.provision.cli.report.html;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The run's critical path: the chain of nodes, each waiting for the one before it, whose wall times
 * add up to the most. A node waits for its DAG dependencies ({@code needs}) and for the node that
 * ran before it on its host (a host runs one task at a time, so a task of another play that needs
 * nothing still waits for the host). Shortening the run means shortening one of these. Ties go to
 * the chain that ends later, then to the lower node number, so the same events give the same path.
 */
final class CriticalPath {

  private CriticalPath() {}

  /** The node numbers of the path, first to last; empty when there are no nodes. */
  static List<Integer> of(List<NodeRun> nodes) {
    Map<Integer, NodeRun> byId = new HashMap<>();
    nodes.forEach(n -> byId.put(n.id(), n));
    Map<Integer, List<Integer>> waitsFor = waitsFor(nodes, byId);
    // Kahn's order over the needs edges (iterative: a host may run thousands of nodes in a row)
    Map<Integer, Integer> waitingOn = new HashMap<>();
    Map<Integer, List<Integer>> dependents = new HashMap<>();
    for (NodeRun n : nodes) {
      int count = 0;
      for (int need : waitsFor.get(n.id())) {
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
      for (int need : waitsFor.get(n.id())) {
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

  /** Each node's needs, and the node before it on its host (by start, then number). */
  private static Map<Integer, List<Integer>> waitsFor(List<NodeRun> nodes, Map<Integer, NodeRun> byId) {
    Map<Integer, List<Integer>> out = new HashMap<>();
    Map<String, List<NodeRun>> byHost = new HashMap<>();
    for (NodeRun n : nodes) {
      out.put(n.id(), new ArrayList<>(new java.util.LinkedHashSet<>(n.needs())));
      byHost.computeIfAbsent(n.host(), h -> new ArrayList<>()).add(n);
    }
    for (List<NodeRun> run : byHost.values()) {
      run.sort(java.util.Comparator.comparingLong(NodeRun::startMs).thenComparingInt(NodeRun::id));
      for (int i = 1; i < run.size(); i++) {
        List<Integer> before = out.get(run.get(i).id());
        int previous = run.get(i - 1).id();
        if (!before.contains(previous) && !reaches(previous, run.get(i).id(), out)) {
          before.add(previous);
        }
      }
    }
    return out;
  }

  /**
   * Whether {@code from} already waits, directly, for {@code to}: then the host order (equal start
   * times) would close a cycle, and the DAG's edge wins.
   */
  private static boolean reaches(int from, int to, Map<Integer, List<Integer>> waitsFor) {
    return waitsFor.getOrDefault(from, List.of()).contains(to);
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
