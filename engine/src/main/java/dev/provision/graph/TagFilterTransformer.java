package dev.provision.graph;

import dev.provision.diag.Diagnostics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops the task nodes that {@code --tags}/{@code --skip-tags} exclude, and the fact gathering of
 * a host that has no task left in that play. Runs before any edge exists, so nothing needs
 * reconnecting.
 */
public final class TagFilterTransformer implements GraphTransformer {

  private final TagFilter filter;

  public TagFilterTransformer(TagFilter filter) {
    this.filter = filter;
  }

  @Override
  public void transform(TaskGraph graph, Diagnostics diagnostics) {
    List<GraphNode> drop = new ArrayList<>();
    Set<String> keptPlayHosts = new HashSet<>();
    for (GraphNode n : graph.graph().vertices()) {
      if (n instanceof TaskNode t && !t.handler()) { // a handler runs when notified, whatever the tags
        if (filter.selects(t.task().tags())) {
          keptPlayHosts.add(t.playIndex() + "\u0000" + t.host());
        } else {
          drop.add(n);
        }
      }
    }
    for (GraphNode n : graph.graph().vertices()) {
      if (n instanceof GatherFactsNode g && !keptPlayHosts.contains(g.playIndex() + "\u0000" + g.host())) {
        drop.add(n);
      }
    }
    drop.forEach(graph.graph()::remove);
  }
}
