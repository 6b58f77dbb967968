package dev.provision.graph;

import dev.provision.diag.Diagnostics;
import java.util.List;

/**
 * Wires each host's sequence into the play order: its first node waits for the barriers of the
 * plays this play {@code needs}, and the play's barrier waits for its last node.
 */
public final class PlayDependencyTransformer implements GraphTransformer {

  @Override
  public void transform(TaskGraph graph, Diagnostics diagnostics) {
    for (List<GraphNode> sequence : HostSequenceTransformer.sequences(graph).values()) {
      GraphNode first = sequence.get(0);
      GraphNode last = sequence.get(sequence.size() - 1);
      PlayBarrier own = graph.barrier(first.playIndex());
      for (GraphNode needed : List.copyOf(graph.graph().dependencies(own))) {
        if (needed instanceof PlayBarrier) {
          graph.graph().connect(first, needed);
        }
      }
      graph.graph().connect(own, last);
    }
  }
}
