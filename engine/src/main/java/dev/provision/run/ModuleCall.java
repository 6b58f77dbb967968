package dev.provision.run;

import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.Mode;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One try of a module on a host: plan, and in APPLY mode run the plan's actions. The same code
 * for both modes, so plan predicts exactly what apply does. This is where the mode decides what
 * runs (modules never see it): the plan's actions, a guessed first run ({@link LikelyFacts}), and
 * with it how the result reads ({@link Plan#reported}) and whether it is known ({@link Attempt#pending}).
 * With a {@code timeout} the try runs on another thread and is interrupted when the time is up.
 */
final class ModuleCall {

  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final Duration BACKSTOP = Duration.ofSeconds(2);

  private final RunContext run;
  private final ExecutorService timedCalls;

  ModuleCall(RunContext run, ExecutorService timedCalls) {
    this.run = run;
    this.timedCalls = timedCalls;
  }

  /**
   * {@code runsInPlan}: {@code check_mode: false}, the task's actions run in a plan too;
   * {@code checkOnly}: {@code check_mode: true}, they never run, in an apply either.
   */
  Attempt call(Module module, Params params, NodeContext host, HostState state, Duration timeout, boolean runsInPlan,
      boolean checkOnly) {
    if (timeout == null) {
      return untimed(module, params, host, state, runsInPlan, checkOnly);
    }
    CountDownLatch finished = new CountDownLatch(1);
    Future<Attempt> future = timedCalls.submit(() -> {
      try {
        return untimed(module, params, host, state, runsInPlan, checkOnly);
      } finally {
        finished.countDown();
      }
    });
    try {
      // commands get the timeout themselves (the connection kills them); this is the backstop for
      // modules that do not honour it, a little later so it never cuts off a connection's own kill
      return future.get(timeout.plus(BACKSTOP).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      // the interrupted connection kills the remote command over a new channel: let it finish
      // before dropping the connection, or the kill itself is cut off and the command survives
      if (!awaitQuietly(finished)) {
        run.connections.drop(host.connectionName()); // still busy after the grace period: a command may be stuck on it
      }
      return Attempt.failure("timed out after " + seconds(timeout), Map.of(), List.of(), List.of(), false);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return Attempt.failure("cancelled", Map.of(), List.of(), List.of(), false);
    } catch (ExecutionException e) {
      return Attempt.failure(Crash.message(e.getCause()), Map.of(), List.of(), List.of(), false);
    }
  }

  /** The attempt a module's failed plan makes: its own message, the connection's, or a crash's. */
  private Attempt planFailed(Throwable e, NodeContext host) {
    if (e instanceof ModuleException m) {
      return Attempt.failure(m.getMessage(), m.data(), List.of(), List.of(), false);
    }
    if (e instanceof ConnectionException c) {
      return connectionFailure(c, host.connectionName(), Map.of(), List.of());
    }
    return Attempt.failure(Crash.message(e), Map.of(), List.of(), List.of(), false);
  }

  private Attempt untimed(Module module, Params params, NodeContext host, HostState state, boolean runsInPlan,
      boolean checkOnly) {
    // a check-only task reads the host as it is: no guessed facts, which only an apply confirms
    // and neither does the apply of a saved plan, whose reads are compared with the plan's
    LikelyFacts likely = run.mode() == Mode.APPLY && !checkOnly && run.check == null ? new LikelyFacts(host, state) : null;
    Plan plan;
    try {
      plan = likely != null ? likely.plan(module, params) : module.plan(params, host);
    } catch (ModuleException | ConnectionException | RuntimeException | Error e) {
      return planFailed(e, host);
    }
    if (run.check != null && plan.changes() && !checkOnly) {
      String stale = run.check.actions(host.node(),
          plan.actions().stream().map(a -> run.redactor.redact(a.describe())).toList());
      if (stale != null) {
        return Attempt.failure(host.refuse(stale).getMessage(), Map.of(), plan.diffs(), List.of(), false);
      }
    }
    if (!plan.changes() || run.mode() == Mode.PLAN && !runsInPlan) {
      if (plan.changes() && !checkOnly) { // the apply will make it: later reads of these files see it
        plan.actions().forEach(a -> state.planned(a.writes().stream().map(w -> w.by(host.task())).toList()));
      }
      return unapplied(plan);
    }
    host.acting();
    if (checkOnly) {
      return checked(plan);
    }
    if (likely != null && likely.guessing()) {
      try {
        return applied(plan, likely.applying(), host.connectionName(), state);
      } catch (LikelyFacts.GuessMissed missed) {
        // nothing changed, and the real fact is memoised: this second plan costs no round trip
        try {
          plan = module.plan(params, host);
        } catch (ModuleException | ConnectionException | RuntimeException | Error e) {
          return planFailed(e, host);
        }
        if (!plan.changes()) {
          return unapplied(plan);
        }
      }
    }
    return applied(plan, host, host.connectionName(), state);
  }

  /** Nothing ran: a change is only predicted ("would ..."), and its result is known after apply. */
  private static Attempt unapplied(Plan plan) {
    List<String> described = plan.actions().stream().map(Action::describe).toList();
    return new Attempt(plan.changes(), false, false, plan.changes(), plan.reported(false),
        new LinkedHashMap<>(plan.result()), plan.diffs(), described);
  }

  /**
   * {@code check_mode: true} in an apply: the change is reported as Ansible's check mode reports it
   * ("would ...", changed) and not made. Nothing is pending: the run does not make it later either.
   */
  private static Attempt checked(Plan plan) {
    List<String> described = plan.actions().stream().map(Action::describe).toList();
    return new Attempt(true, false, false, false, plan.reported(false), new LinkedHashMap<>(plan.result()),
        plan.diffs(), described);
  }

  private Attempt applied(Plan plan, HostContext host, String connection, HostState state) {
    List<String> described = plan.actions().stream().map(Action::describe).toList();
    Map<String, Object> data = new LinkedHashMap<>(plan.result());
    String message = plan.reported(true);
    boolean missed = false;
    try {
      for (Action action : ExecBatch.group(plan.actions())) {
        if (Thread.currentThread().isInterrupted()) {
          return Attempt.failure("cancelled", data, plan.diffs(), described, true);
        }
        Map<String, Object> applied = action.apply(host);
        data.putAll(applied);
        String after = action.appliedMessage(applied);
        message = after != null ? after : message;
      }
    } catch (LikelyFacts.GuessMissed e) {
      missed = true; // nothing ran: keep the fact the miss read
      throw e;
    } catch (ModuleException e) {
      data.putAll(e.data());
      return Attempt.failure(e.getMessage(), data, plan.diffs(), described, true);
    } catch (ConnectionException e) {
      return connectionFailure(e, connection, data, described);
    } catch (RuntimeException | Error e) {
      // an action may have run before the one that broke: the host may have changed
      return Attempt.failure(Crash.message(e), data, plan.diffs(), described, true);
    } finally {
      if (!missed) {
        state.forgetFacts();
      }
    }
    return new Attempt(true, false, false, false, message, data, plan.diffs(), described);
  }

  private Attempt connectionFailure(ConnectionException e, String host, Map<String, Object> data, List<String> actions) {
    if (e.hostUnreachable()) {
      return Attempt.unreachable(e.getMessage());
    }
    if (e.kind() == ConnectionException.Kind.BROKEN) {
      run.connections.drop(host);
    }
    String message = e.kind() == ConnectionException.Kind.BECOME || e.kind() == ConnectionException.Kind.LOCKED
        ? e.getMessage() : "connection error: " + e.getMessage();
    return Attempt.failure(message, data, List.of(), actions, !actions.isEmpty());
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : (ms / 1000.0) + "s";
  }
}
