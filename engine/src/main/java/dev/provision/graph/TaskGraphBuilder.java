package dev.provision.graph;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.DiagnosticsException;
import dev.provision.inventory.Inventory;
import dev.provision.playbook.Playbook;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the task graph with an ordered pipeline of transformers, then checks it for cycles. Every
 * problem of every step is collected and thrown together.
 */
public final class TaskGraphBuilder {

  private final List<GraphTransformer> steps;

  public TaskGraphBuilder(List<GraphTransformer> steps) {
    this.steps = List.copyOf(steps);
  }

  /** The standard pipeline: barriers, hosts, nodes, tag filter, per-host order, serial batches, run_once order, play order. */
  public static TaskGraphBuilder standard(String limit, Set<String> tags, Set<String> skipTags) {
    return new TaskGraphBuilder(List.of(
        new PlayBarrierTransformer(),
        new HostSelectionTransformer(limit),
        new TaskNodeTransformer(),
        new TagFilterTransformer(new TagFilter(tags, skipTags)),
        new HostSequenceTransformer(),
        new BatchTransformer(),
        new RunOnceTransformer(),
        new PlayDependencyTransformer()));
  }

  public TaskGraph build(Playbook playbook, Inventory inventory) throws DiagnosticsException {
    TaskGraph graph = new TaskGraph(playbook, inventory);
    Diagnostics diagnostics = new Diagnostics();
    for (GraphTransformer step : steps) {
      step.transform(graph, diagnostics);
    }
    diagnostics.throwIfErrors();
    checkAcyclic(graph);
    diagnostics.asList().stream().filter(d -> !d.isError()).forEach(graph::warn);
    return graph;
  }

  /** A cycle can only come from {@code needs}; name the plays on it. */
  private static void checkAcyclic(TaskGraph graph) throws DiagnosticsException {
    var cycle = graph.graph().findCycle(GraphNode::name);
    if (cycle.isEmpty()) {
      return;
    }
    List<String> plays = new ArrayList<>();
    for (GraphNode n : cycle.get()) {
      if (n instanceof PlayBarrier b && (plays.isEmpty() || !plays.get(plays.size() - 1).equals(b.play().name()))) {
        plays.add(b.play().name());
      }
    }
    GraphNode first = cycle.get().get(0);
    throw DiagnosticsException.of(Diagnostic.error(first.play().span(),
        "plays depend on each other in a cycle: " + String.join(" -> ", plays),
        "remove one of these names from `needs` so the plays can run in some order"));
  }
}
