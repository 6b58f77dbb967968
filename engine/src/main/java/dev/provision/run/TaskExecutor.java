package dev.provision.run;

import dev.provision.event.Event;
import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import dev.provision.graph.TaskNode;
import dev.provision.module.Mode;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.Params;
import dev.provision.playbook.Play;
import dev.provision.playbook.Task;
import dev.provision.template.TemplateException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one (task, host) node in either mode: {@code when}, argument rendering and binding, the
 * module call with retries, {@code changed_when}/{@code failed_when}/{@code until}, then
 * {@code register} and set_fact. In plan mode a template that reads a value known only after
 * apply makes the task DEFERRED instead of guessing.
 */
final class TaskExecutor {

  static final String HIDDEN = "output hidden by no_log";

  private final RunContext run;
  private final ModuleCall calls;
  private final Conditions conditions;

  TaskExecutor(RunContext run, ModuleCall calls) {
    this.run = run;
    this.calls = calls;
    this.conditions = new Conditions(run);
  }

  /** Runs the node and returns its result as reported (no_log applied, not yet redacted). */
  TaskResult execute(TaskNode node) {
    Task task = node.task();
    HostState state = run.host(node.host());
    Instant started = Instant.now();
    run.events.accept(new Event.TaskStarted(node.play().name(), task.displayName(), node.host(), 1));
    TaskResult result;
    try {
      result = evaluate(node, state, started);
    } catch (TemplateException e) {
      result = failed("template error: " + e.getMessage(), started);
    }
    if (result.status() == Status.FAILED && task.ignoreErrors()) {
      result = new TaskResult(Status.OK, "failed (ignored): " + result.message(), result.diffs(), result.actions(),
          result.data(), result.elapsed());
    }
    return task.noLog() ? hide(result) : result;
  }

  private TaskResult evaluate(TaskNode node, HostState state, Instant started) throws TemplateException {
    Task task = node.task();
    VariableScope scope = run.scope(node);
    registerSecretValues(node.play(), scope);
    if (task.when() != null) {
      List<String> unknown = scope.unknownsIn(task.when(), true);
      if (!unknown.isEmpty()) {
        return deferred(task, state, "`when` reads " + names(unknown), started);
      }
      if (!run.templates.test(task.when(), scope.varsFor(task.when(), true))) {
        register(task, state, Map.of("changed", false, "skipped", true, "skip_reason", "Conditional result was False"));
        return TaskResult.skipped("condition false: " + task.when());
      }
    }
    List<String> unknown = scope.unknownsIn(task.args(), false);
    if (!unknown.isEmpty()) {
      return deferred(task, state, "arguments read " + names(unknown), started);
    }
    Optional<Module> module = run.modules.find(task.module());
    if (module.isEmpty()) {
      return failed("unknown module `" + task.module() + "`", started);
    }
    Object rendered = run.templates.render(task.args(), scope.varsFor(task.args(), false));
    Params params;
    try {
      params = module.get().schema().bind(task.module(), rendered);
    } catch (ModuleException e) {
      return failed(e.getMessage(), started);
    }
    for (Param p : module.get().schema().params().values()) {
      if (p.isSecret() && params.has(p.name())) {
        run.redactor.add(params.raw(p.name()));
      }
    }
    if (task.noLog()) {
      run.redactor.add(fromTemplates(task.args(), rendered));
    }
    return attempts(node, module.get(), params, scope, state, started);
  }

  /** A secret variable whose value is a template is masked once rendered, before anything can show it. */
  private void registerSecretValues(Play play, VariableScope scope) {
    for (String name : play.secretVars()) {
      if (scope.defines(name)) {
        try {
          Object value = scope.resolve(name);
          if (!Unknown.is(value)) {
            run.redactor.add(value);
          }
        } catch (TemplateException | RuntimeException e) {
          // reported by the task that uses it
        }
      }
    }
  }

  private TaskResult attempts(TaskNode node, Module module, Params params, VariableScope scope, HostState state,
      Instant started) throws TemplateException {
    Task task = node.task();
    boolean become = RunContext.become(node.play(), task, state.host());
    int tries = task.retries() + 1;
    if (task.runsInPlan() && run.mode() == Mode.PLAN && state.hasPendingChanges()) {
      // check_mode: false reads the host for real; after a planned change that read would lie
      return deferred(task, state, "runs for real, but an earlier task on this host would change it first", started);
    }
    for (int attempt = 1; ; attempt++) {
      NodeContext host = new NodeContext(run, state, scope, node.play().name(), task.displayName(), become,
          task.timeout(), started);
      Attempt a = calls.call(module, params, host, state, task.timeout(), task.runsInPlan());
      if (host.deferredReason() != null) {
        return deferred(task, state, host.deferredReason(), started);
      }
      if (a.unreachable()) {
        state.markUnreachable(a.message());
        return new TaskResult(Status.UNREACHABLE, a.message(), List.of(), List.of(), Map.of(), since(started));
      }
      Conditions.Verdict v = conditions.judge(task, a, attempt, scope);
      if (v.deferredReason() != null) {
        return deferred(task, state, v.deferredReason(), started);
      }
      Attempt judged = v.attempt();
      boolean lastTry = attempt >= tries || Thread.currentThread().isInterrupted();
      if ((!judged.failed() && v.untilMet()) || lastTry) {
        if (!v.untilMet() && !judged.failed()) {
          judged = judged.withFailed(true, "`until` still false after " + attempt + " attempt(s): " + task.until());
        }
        return finish(task, state, judged, attempt, started);
      }
      String reason = judged.failed() ? judged.message() : "`until` is false: " + task.until();
      run.events.accept(new Event.TaskRetrying(node.play().name(), task.displayName(), node.host(), attempt,
          task.retries(), task.noLog() ? HIDDEN : reason));
      if (!sleep(task.delay())) {
        return finish(task, state, judged.withFailed(true, "cancelled"), attempt, started);
      }
    }
  }

  private TaskResult finish(Task task, HostState state, Attempt a, int attempts, Instant started) {
    Map<String, Object> value = a.registered(attempts);
    if (task.noLog()) {
      run.redactor.add(secretsOf(a.data()));
    }
    boolean unknown = a.pending() && run.mode() == Mode.PLAN;
    if (unknown) {
      state.pendingChange();
    }
    register(task, state, unknown ? null : value);
    if (a.data().get("ansible_facts") instanceof Map<?, ?> facts) {
      facts.forEach((k, v) -> state.setRuntime(String.valueOf(k), unknown ? Unknown.VALUE : v));
    }
    Status status = a.failed() ? Status.FAILED : a.changed() ? Status.CHANGED : Status.OK;
    return new TaskResult(status, a.message(), a.diffs(), a.actions(), a.data(), since(started));
  }

  /** Registers {@code value}, or an unknown value when it is null (plan mode, changed). */
  private static void register(Task task, HostState state, Map<String, Object> value) {
    if (task.register() != null) {
      state.setRuntime(task.register(), value == null ? Unknown.VALUE : value);
    }
  }

  private TaskResult deferred(Task task, HostState state, String why, Instant started) {
    register(task, state, null);
    state.pendingChange();
    if ("set_fact".equals(task.module()) && task.args() instanceof Map<?, ?> keys) {
      keys.keySet().forEach(k -> state.setRuntime(String.valueOf(k), Unknown.VALUE)); // names are literal
    }
    return new TaskResult(Status.DEFERRED, "known after apply: " + why, List.of(), List.of(), Map.of(), since(started));
  }

  private static TaskResult failed(String message, Instant started) {
    return new TaskResult(Status.FAILED, message, List.of(), List.of(), Map.of(), since(started));
  }

  private static TaskResult hide(TaskResult r) {
    return new TaskResult(r.status(), HIDDEN, List.of(), r.actions().isEmpty() ? List.of() : List.of(HIDDEN),
        Map.of("censored", HIDDEN), r.elapsed());
  }

  /** String results of a no_log task (command output, tokens) become secrets; metadata does not. */
  private static Map<String, Object> secretsOf(Map<String, Object> data) {
    Map<String, Object> out = new LinkedHashMap<>(data);
    out.keySet().removeAll(List.of("changed", "failed", "skipped", "rc", "attempts", "cmd"));
    return out;
  }

  /**
   * The rendered values that came from templates (variables), which a no_log task hides; literal
   * words such as {@code state: present} are not secrets and stay readable elsewhere.
   */
  private static List<Object> fromTemplates(Object raw, Object rendered) {
    List<Object> out = new java.util.ArrayList<>();
    if (raw instanceof String s && VariableScope.hasTemplate(s)) {
      out.add(rendered);
    } else if (raw instanceof Map<?, ?> r && rendered instanceof Map<?, ?> m) {
      r.forEach((k, v) -> out.addAll(fromTemplates(v, m.get(k))));
    } else if (raw instanceof List<?> r && rendered instanceof List<?> l && r.size() == l.size()) {
      for (int i = 0; i < r.size(); i++) {
        out.addAll(fromTemplates(r.get(i), l.get(i)));
      }
    }
    return out;
  }

  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay == null ? 0 : delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String names(List<String> vars) {
    return String.join(", ", vars.stream().map(v -> "`" + v + "`").toList());
  }

  static Duration since(Instant started) {
    return Duration.between(started, Instant.now());
  }
}
