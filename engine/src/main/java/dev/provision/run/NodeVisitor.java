package dev.provision.run;

import dev.provision.event.Event;
import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import dev.provision.graph.GatherFactsNode;
import dev.provision.graph.GraphNode;
import dev.provision.graph.PlayBarrier;
import dev.provision.graph.TaskNode;
import dev.provision.module.Mode;
import dev.provision.playbook.BlockFrame;
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
    if (unreachable == null && node instanceof TaskNode t) {
      return task(t, name);
    }
    TaskResult result;
    try {
      if (unreachable != null) {
        result = TaskResult.skipped("host unreachable: " + unreachable);
      } else {
        result = facts.execute((GatherFactsNode) node);
      }
    } catch (RuntimeException | Error e) {
      // whatever a node throws is its failure: reported, counted, and its dependents are skipped
      result = crashed(e);
    }
    report(node, name, result, RecapCounter.Tally.AS_IS);
    return unreachable == null && result.status() != Status.FAILED && result.status() != Status.UNREACHABLE;
  }

  /**
   * One task on its host, within its blocks: run it or not (a block's tasks after a failure, a
   * rescue whose block did not fail), hand a failure to the blocks around it, and end the blocks the
   * host leaves for its next node. False when the host has failed: its later nodes do not run.
   */
  private boolean task(TaskNode node, String name) {
    HostState state = run.host(node.host());
    BlockFlow flow = state.flow(node.playIndex());
    List<BlockFrame> frames = node.task().blocks();
    BlockFlow.Decision decision = flow.decide(frames);
    TaskResult result;
    RecapCounter.Tally tally = RecapCounter.Tally.AS_IS;
    boolean goOn = true;
    if (decision == BlockFlow.Decision.NOT_RUN) {
      result = TaskResult.skipped(flow.whyNotRun(frames));
    } else if (decision == BlockFlow.Decision.UNKNOWN) {
      result = tasks.unknown(node, name, "runs only if its block fails");
    } else {
      boolean mayNotRun = run.mode() == Mode.PLAN && flow.mayNotRun(frames);
      try {
        TaskExecutor.Executed ran = tasks.execute(node, name);
        result = ran.result();
        tally = ran.ignored() ? RecapCounter.Tally.IGNORED : RecapCounter.Tally.AS_IS;
      } catch (RuntimeException | Error e) {
        result = crashed(e);
      }
      if (mayNotRun && result.status() != Status.FAILED) {
        tasks.forget(node, result);
      }
      if (run.mode() == Mode.PLAN && (result.status() == Status.CHANGED || result.status() == Status.DEFERRED)) {
        flow.outcomeUnknown(frames); // the apply may fail where the plan only described
      }
      if (result.status() == Status.FAILED) {
        BlockFlow.Failure failure = flow.fail(frames);
        if (failure == BlockFlow.Failure.RESCUED) {
          tally = RecapCounter.Tally.RESCUED;
        }
        if (failure != BlockFlow.Failure.HOST_FAILED) { // a rescue may take it over, now or after an always
          FailedTask.remember(state, node.task(), result);
        }
        goOn = failure != BlockFlow.Failure.HOST_FAILED;
      } else if (result.status() == Status.UNREACHABLE) {
        goOn = false;
      }
    }
    report(node, name, result, tally);
    if (goOn) {
      GraphNode next = run.next(node);
      goOn = flow.leave(next instanceof TaskNode t && !t.handler() ? t.task().blocks() : null);
      for (int i = flow.takeRescuedLater(); i > 0; i--) {
        recap.rescuedLater(node.host());
      }
    }
    return goOn;
  }

  private static TaskResult crashed(Throwable e) {
    return new TaskResult(Status.FAILED, Crash.message(e), List.of(), List.of(), Map.of(), Duration.ZERO);
  }

  @Override
  public void upstreamFailed(GraphNode node) {
    if (!(node instanceof PlayBarrier)) {
      announcePlay(node);
      report(node, displayName(node), TaskResult.skipped(UPSTREAM_FAILED), RecapCounter.Tally.AS_IS);
    }
  }

  /** The name as written, for nodes that do not run (their variables may never be set). */
  private static String displayName(GraphNode node) {
    return node instanceof TaskNode t ? t.task().displayName() : GatherFactsNode.TASK_NAME;
  }

  private void report(GraphNode node, String name, TaskResult result, RecapCounter.Tally tally) {
    recap.count(node.host(), result.status(), tally);
    run.events.accept(new Event.TaskFinished(node.play().name(), name, node.host(), result, run.id(node), run.needs(node)));
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
