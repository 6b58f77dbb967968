package dev.provision.run;

import dev.provision.event.Event;
import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import dev.provision.graph.GatherFactsNode;
import dev.provision.graph.GraphNode;
import dev.provision.graph.PlayBarrier;
import dev.provision.graph.TaskNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the walker does with each node: announce its play once, run it with the right executor,
 * report and count its result, and tell the walker whether its dependents may run.
 */
final class NodeVisitor implements Walker.Visitor {

  static final String UPSTREAM_FAILED = "upstream failed";

  private final RunContext run;
  private final TaskExecutor tasks;
  private final FactsExecutor facts;
  private final RecapCounter recap;
  private final Set<Integer> startedPlays = new HashSet<>();

  NodeVisitor(RunContext run, TaskExecutor tasks, FactsExecutor facts, RecapCounter recap) {
    this.run = run;
    this.tasks = tasks;
    this.facts = facts;
    this.recap = recap;
  }

  @Override
  public boolean visit(GraphNode node) {
    announcePlay(node);
    if (node instanceof PlayBarrier) {
      return true;
    }
    String unreachable = run.host(node.host()).unreachable();
    String name = unreachable == null ? TaskNames.of(run, node) : displayName(node);
    TaskResult result;
    try {
      if (unreachable != null) {
        result = TaskResult.skipped("host unreachable: " + unreachable);
      } else if (node instanceof TaskNode t) {
        result = tasks.execute(t, name);
      } else {
        result = facts.execute((GatherFactsNode) node);
      }
    } catch (RuntimeException | Error e) {
      // whatever a node throws is its failure: reported, counted, and its dependents are skipped
      result = new TaskResult(Status.FAILED, Crash.message(e), List.of(), List.of(), Map.of(), Duration.ZERO);
    }
    report(node, name, result);
    return unreachable == null && result.status() != Status.FAILED && result.status() != Status.UNREACHABLE;
  }

  @Override
  public void upstreamFailed(GraphNode node) {
    if (!(node instanceof PlayBarrier)) {
      announcePlay(node);
      report(node, displayName(node), TaskResult.skipped(UPSTREAM_FAILED));
    }
  }

  /** The name as written, for nodes that do not run (their variables may never be set). */
  private static String displayName(GraphNode node) {
    return node instanceof TaskNode t ? t.task().displayName() : GatherFactsNode.TASK_NAME;
  }

  private void report(GraphNode node, String name, TaskResult result) {
    recap.count(node.host(), result.status());
    run.events.accept(new Event.TaskFinished(node.play().name(), name, node.host(), result));
  }

  /** PlayStarted precedes every other event of the play, whichever thread gets there first. */
  private void announcePlay(GraphNode node) {
    synchronized (startedPlays) {
      if (startedPlays.add(node.playIndex())) {
        run.events.accept(new Event.PlayStarted(node.play().name(), run.graph.hostNames(node.playIndex())));
      }
    }
  }
}
