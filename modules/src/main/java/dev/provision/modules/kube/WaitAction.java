package dev.provision.modules.kube;

import dev.provision.connection.Durations;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Waits (in apply) until a goal is met, with a live progress line; registers the last observation. */
final class WaitAction implements Action {

  private final ResourceWaiter waiter;
  private final Selection selection;
  private final WaitGoal goal;
  private final Duration timeout;

  WaitAction(ResourceWaiter waiter, Selection selection, WaitGoal goal, Duration timeout) {
    this.waiter = waiter;
    this.selection = selection;
    this.goal = goal;
    this.timeout = timeout;
  }

  @Override
  public String describe() {
    return "wait up to " + Durations.format(timeout) + " for " + goal.describe();
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException {
    long t0 = System.nanoTime();
    Observation done = waiter.await(selection, goal, timeout, host::progress);
    Map<String, Object> result = new LinkedHashMap<>(done.result());
    result.put("state", done.line());
    result.put("waited_seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
    return result;
  }

  /** The state that ended the wait, not the one the plan saw before it. */
  @Override
  public String appliedMessage(Map<String, Object> applied) {
    return String.valueOf(applied.get("state")); // the result line already says how long it took
  }
}
