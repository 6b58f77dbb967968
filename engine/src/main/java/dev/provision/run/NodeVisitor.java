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
import dev.provision.playbook.Task;
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
    HostState state = run.host(node.host());
    String stop = state.hasFailedIn(node.playIndex()) ? null : run.batchStop(node);
    if (stop != null) {
      report(node, displayName(node), TaskResult.skipped(stop), RecapCounter.Tally.AS_IS);
      return false;
    }
    boolean ok = visitHostNode(node, state);
    if (!ok) {
      state.failedIn(node.playIndex()); // for serial batches, max_fail_percentage, any_errors_fatal
    }
    return ok;
  }

  private boolean visitHostNode(GraphNode node, HostState state) {
    String unreachable = state.unreachable();
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
    if (state.ended(node.playIndex()) || run.endedPlays.contains(node.playIndex())) {
      return true; // meta: end_host or end_play: Ansible lists nothing more of the play for the host
    }
    BlockFlow.Decision decision = flow.decide(frames);
    if (node.task().metaAction() != null) {
      if (decision == BlockFlow.Decision.RUN && !meta(node, state)) {
        return false;
      }
      return leave(node, flow);
    }
    TaskResult result;
    RecapCounter.Tally tally = RecapCounter.Tally.AS_IS;
    boolean goOn = true;
    RunOnceResults.Shared led = node.task().runOnce() && decision == BlockFlow.Decision.RUN ? run.runOnce.of(node)
        : null;
    if (decision == BlockFlow.Decision.NOT_RUN) {
      result = TaskResult.skipped(flow.whyNotRun(frames));
    } else if (decision == BlockFlow.Decision.UNKNOWN) {
      result = tasks.unknown(node, name, "runs only if its block fails");
    } else if (led != null) {
      // run_once: another host ran it; this one takes its result, unreported as in Ansible
      led.set().forEach(state::setRuntime);
      if (!led.learned().isEmpty()) {
        state.learned(led.learned());
      }
      result = led.result();
    } else {
      boolean mayNotRun = run.mode() == Mode.PLAN && flow.mayNotRun(frames);
      Map<String, Object> before = node.task().runOnce() ? state.runtimeVars() : null;
      Map<String, Object> factsBefore = node.task().runOnce() ? state.gatheredFacts() : null;
      java.util.concurrent.Semaphore permits = node.task().throttle() > 0 ? run.throttle(node, node.task()) : null;
      try {
        if (permits != null) {
          permits.acquire(); // throttle: this host waits while as many others run the task
        }
        TaskExecutor.Executed ran = tasks.execute(node, name);
        result = ran.result();
        tally = ran.ignored() ? RecapCounter.Tally.IGNORED : RecapCounter.Tally.AS_IS;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result = TaskResult.skipped("cancelled while waiting for its turn (throttle)");
        permits = null;
      } catch (RuntimeException | Error e) {
        result = crashed(e);
      } finally {
        if (permits != null) {
          permits.release();
        }
      }
      if (mayNotRun && result.status() != Status.FAILED) {
        tasks.forget(node, result);
      }
      if (before != null) {
        run.runOnce.record(node, new RunOnceResults.Shared(node.host(), result, written(before, state, node),
            learned(factsBefore, state)));
      }
    }
    if (decision == BlockFlow.Decision.RUN) {
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
        if (!goOn && node.task().anyErrorsFatal()) {
          run.fatalPlays.add(node.playIndex()); // every host of the play stops, as Ansible stops them
        }
      } else if (result.status() == Status.UNREACHABLE) {
        goOn = led != null; // the host that ran it is unreachable, not this one
      }
    }
    if (led == null) {
      report(node, name, result, tally);
    }
    return goOn && leave(node, flow);
  }

  /** The host leaves the blocks its next node is not in; false when that leaves a failure unrescued. */
  private boolean leave(TaskNode node, BlockFlow flow) {
    GraphNode next = run.next(node);
    boolean goOn = flow.leave(next instanceof TaskNode t && !t.handler() ? t.task().blocks() : null);
    for (int i = flow.takeRescuedLater(); i > 0; i--) {
      recap.rescuedLater(node.host());
    }
    return goOn;
  }

  /**
   * A {@code meta} task: it reports nothing, as in Ansible, unless its condition cannot be read.
   * {@code end_play} and {@code clear_facts} are judged once, by the first host that reaches them
   * ({@code run_once}), and act for every host of the play. False when the host must stop.
   */
  private boolean meta(TaskNode node, HostState state) {
    Task task = node.task();
    if (task.runOnce() && run.runOnce.of(node) != null) {
      return true; // another host judged it for all
    }
    boolean holds;
    try {
      VariableScope scope = run.scope(node);
      if (task.when() != null && !scope.unknownsIn(task.when(), true).isEmpty()) {
        report(node, TaskNames.of(run, node), new TaskResult(Status.DEFERRED, "known after apply: `when` reads a value"
            + " known only after apply; the plan goes on as if it were false", List.of(), List.of(), Map.of(),
            Duration.ZERO), RecapCounter.Tally.AS_IS);
        holds = false;
      } else {
        holds = task.when() == null || run.templates.test(task.when(), scope.varsFor(task.when(), true));
      }
    } catch (dev.provision.template.TemplateException | RuntimeException e) {
      report(node, TaskNames.of(run, node), new TaskResult(Status.FAILED, "template error: " + e.getMessage(),
          List.of(), List.of(), Map.of(), Duration.ZERO), RecapCounter.Tally.AS_IS);
      return false;
    }
    if (task.runOnce()) {
      run.runOnce.record(node, new RunOnceResults.Shared(node.host(), TaskResult.skipped("meta"), Map.of(), Map.of()));
    }
    if (!holds) {
      return true;
    }
    switch (task.metaAction()) {
      case "end_host" -> state.endPlay(node.playIndex());
      case "end_play" -> run.endedPlays.add(node.playIndex());
      case "clear_facts" -> run.graph.hostNames(node.playIndex()).forEach(h -> run.host(h).clearGathered());
      case "reset_connection" -> run.connections.drop(node.host());
      default -> throw new IllegalStateException("meta action " + task.metaAction() + " reached the walker");
    }
    return true;
  }

  /**
   * The host facts a run_once task's fact module gave its host (Ansible gives them to every host of
   * the play); without the leader's whole {@code ansible_facts} map, which each follower updates.
   */
  private static Map<String, Object> learned(Map<String, Object> before, HostState state) {
    Map<String, Object> out = changedSince(before, state.gatheredFacts());
    out.remove("ansible_facts");
    return out;
  }

  /** The entries of {@code now} that are new or another value than in {@code before}. */
  private static Map<String, Object> changedSince(Map<String, Object> before, Map<String, Object> now) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    now.forEach((k, v) -> {
      if (!before.containsKey(k) || before.get(k) != v) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The variables a run_once task set on its host (its register, its facts), for the other hosts. */
  private static Map<String, Object> written(Map<String, Object> before, HostState state, TaskNode node) {
    Map<String, Object> now = state.runtimeVars();
    Map<String, Object> out = changedSince(before, now);
    String register = node.task().register();
    if (register != null && now.containsKey(register)) {
      out.put(register, now.get(register)); // registered again, even with an equal value
    }
    return out;
  }

  @Override
  public Set<String> connections(GraphNode node) {
    if (node instanceof TaskNode t && t.task().delegateTo() != null && run.host(node.host()).unreachable() == null) {
      try {
        String to = run.connectionHost(t.task(), node.host(), run.scope(node));
        if (to != null && !to.equals(node.host())) {
          return Set.of(node.host(), to);
        }
      } catch (RuntimeException | dev.provision.template.TemplateException e) {
        // the task reports it when it runs, on its own host
      }
    }
    return Set.of(node.host());
  }

  private static TaskResult crashed(Throwable e) {
    return new TaskResult(Status.FAILED, Crash.message(e), List.of(), List.of(), Map.of(), Duration.ZERO);
  }

  @Override
  public void upstreamFailed(GraphNode node) {
    if (!(node instanceof PlayBarrier)) {
      announcePlay(node);
      // a node after one the play's stop skipped is skipped for that stop too, whichever ran first
      String stop = node.host() == null || run.host(node.host()).hasFailedIn(node.playIndex()) ? null
          : run.batchStop(node);
      report(node, displayName(node), TaskResult.skipped(stop != null ? stop : UPSTREAM_FAILED),
          RecapCounter.Tally.AS_IS);
    }
  }

  /** The name as written, for nodes that do not run (their variables may never be set). */
  private static String displayName(GraphNode node) {
    return node instanceof TaskNode t ? t.task().displayName() : GatherFactsNode.TASK_NAME;
  }

  private void report(GraphNode node, String name, TaskResult result, RecapCounter.Tally tally) {
    if (node instanceof TaskNode t && Boolean.FALSE.equals(t.task().diff()) && !result.diffs().isEmpty()) {
      // `diff: false`: the task's diffs are shown nowhere (a secret file's content, say), --diff or not
      result = new TaskResult(result.status(), result.message(), List.of(), result.actions(), result.data(),
          result.elapsed());
    }
    recap.count(node.host(), result.status(), tally);
    if (run.recorder != null) {
      run.recorder.finished(node, name, result);
    }
    run.events.accept(new Event.TaskFinished(node.play().name(), name, node.host(), result, run.id(node), run.needs(node),
        node.diffKeyword()));
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
