package dev.provision.graph;

import dev.provision.diag.Diagnostics;
import dev.provision.playbook.Batching;
import java.util.List;
import java.util.Map;

/**
 * A play's {@code serial} batches run one after another: each host's first node of the play waits
 * for the last node (handlers included) of every host of the batch before. With {@code strategy:
 * linear}, the hosts of a batch also run each task in step: a host's node k waits for node k-1 of
 * every host of its batch. These edges between hosts order only: a host's failure skips nothing of
 * another host's ({@code Walker}); what a failed batch means is the runner's.
 */
public final class BatchTransformer implements GraphTransformer {

  @Override
  public void transform(TaskGraph graph, Diagnostics diagnostics) {
    Map<String, List<GraphNode>> sequences = HostSequenceTransformer.sequences(graph);
    for (int p = 0; p < graph.playbook().plays().size(); p++) {
      Batching batching = graph.playbook().plays().get(p).batching();
      List<List<String>> batches = graph.batches(p);
      for (int b = 0; b < batches.size(); b++) {
        for (String host : batches.get(b)) {
          List<GraphNode> mine = sequences.get(p + "\u0000" + host);
          if (mine == null) {
            continue;
          }
          if (b > 0) {
            for (String before : batches.get(b - 1)) {
              List<GraphNode> theirs = sequences.get(p + "\u0000" + before);
              if (theirs != null) {
                graph.graph().connect(mine.get(0), theirs.get(theirs.size() - 1));
              }
            }
          }
          if (batching.linear()) {
            for (String other : batches.get(b)) {
              List<GraphNode> theirs = sequences.get(p + "\u0000" + other);
              if (!other.equals(host) && theirs != null) {
                for (int k = 1; k < mine.size() && k <= theirs.size(); k++) {
                  graph.graph().connect(mine.get(k), theirs.get(k - 1));
                }
              }
            }
          }
        }
      }
    }
  }
}
