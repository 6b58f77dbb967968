package dev.provision.graph;

import dev.provision.diag.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Within a play, each host runs its nodes in order: node k+1 depends on node k of the same host.
 * There is no edge across hosts, so a fast host runs ahead (Ansible's "free" strategy).
 */
public final class HostSequenceTransformer implements GraphTransformer {

  @Override
  public void transform(TaskGraph graph, Diagnostics diagnostics) {
    for (List<GraphNode> sequence : sequences(graph).values()) {
      for (int i = 1; i < sequence.size(); i++) {
        graph.graph().connect(sequence.get(i), sequence.get(i - 1));
      }
    }
  }

  /** Host nodes grouped by (play, host), each group in insertion order (facts first, then tasks). */
  static Map<String, List<GraphNode>> sequences(TaskGraph graph) {
    Map<String, List<GraphNode>> out = new LinkedHashMap<>();
    for (GraphNode n : graph.graph().vertices()) {
      if (n.host() != null) {
        out.computeIfAbsent(n.playIndex() + "\u0000" + n.host(), k -> new ArrayList<>()).add(n);
      }
    }
    return out;
  }
}
