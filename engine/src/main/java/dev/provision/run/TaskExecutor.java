package dev.provision.run;

import dev.provision.event.Event;
import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import dev.provision.graph.TaskNode;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.Params;
import dev.provision.playbook.Task;
import dev.provision.module.Mode;
import dev.provision.playbook.TaskLoop;
import dev.provision.template.TemplateException;
import java.time.Duration;
import java.time.Instant;
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

  private final RunContext run;
  private final ModuleCall calls;
  private final Conditions conditions;

  TaskExecutor(RunContext run, ModuleCall calls) {
    this.run = run;
    this.calls = calls;
    this.conditions = new Conditions(run);
  }

  /** A task's result as reported, and whether it is a failure that {@code ignore_errors} turned into ok. */
  record Executed(TaskResult result, boolean ignored) {}

  /**
   * Runs the node and returns its result as reported (no_log applied, not yet redacted); {@code name}
   * is the task's name as shown ({@link TaskNames}).
   */
  Executed execute(TaskNode node, String name) {
    Task task = node.task();
    HostState state = run.host(node.host());
    Instant started = Instant.now();
    run.events.accept(started(node, name));
    TaskResult result;
    try {
      result = node.handler() ? handler(node, name, state, started) : evaluate(node, name, state, started);
    } catch (TemplateException e) {
      result = failed("template error: " + e.getMessage(), started);
    } catch (RuntimeException | Error e) {
      // a bug outside the module call (a template engine's, a loop's): still this node's failure,
      // with no_log and ignore_errors applied like any other
      result = failed(Crash.message(e), started);
    }
    if (!task.notifies().isEmpty() && (result.status() == Status.CHANGED || result.status() == Status.DEFERRED)) {
      state.notify(node.playIndex(), task.notifies(), result.status() == Status.DEFERRED);
    }
    boolean ignored = result.status() == Status.FAILED && (task.ignoreErrors() || ignores(node, task));
    if (ignored) {
      result = new TaskResult(Status.OK, "failed (ignored): " + result.message(), result.diffs(), result.actions(),
          result.data(), result.elapsed());
    }
    if (task.noLog() && run.recorder != null && !result.actions().isEmpty()) {
      run.recorder.hidden(node, result.actions());
    }
    return new Executed(task.noLog() ? TaskSecrets.hide(result) : result, ignored);
  }

  /**
   * Whether a templated {@code ignore_errors} holds for this host now (Ansible's truthiness); false
   * when it reads a value known only after apply or cannot be rendered: the failure stands.
   */
  private boolean ignores(TaskNode node, Task task) {
    String written = task.ignoreErrorsWhen();
    if (written == null) {
      return false;
    }
    try {
      VariableScope scope = run.scope(node);
      if (!scope.unknownsIn(written, false).isEmpty()) {
        return false;
      }
      Object v = run.templates.render(written, scope.varsFor(written, false));
      return v instanceof Boolean b ? b : List.of("true", "yes", "on", "1", "y")
          .contains(String.valueOf(v).strip().toLowerCase(java.util.Locale.ROOT));
    } catch (TemplateException | RuntimeException e) {
      return false;
    }
  }

  private Event.TaskStarted started(TaskNode node, String name) {
    boolean waits = run.modules.find(node.task().module()).map(m -> m.schema().waits()).orElse(false);
    return new Event.TaskStarted(node.play().name(), name, node.host(), 1, run.id(node), node.task().module(), waits);
  }

  /**
   * A task a plan cannot decide on (a block's rescue, when the block's outcome is known only after
   * apply): reported "known after apply", and what it registers or sets is unknown too.
   */
  TaskResult unknown(TaskNode node, String name, String why) {
    run.events.accept(started(node, name));
    return deferred(node.task(), run.host(node.host()), why, Instant.now());
  }

  /**
   * In a plan, a task that ran but may not run in the apply (an earlier task of its block may fail
   * there): what it registered and the variables it set are known only after apply.
   */
  void forget(TaskNode node, TaskResult result) {
    HostState state = run.host(node.host());
    register(node.task(), state, Unknown.VALUE);
    unknownVariables(node.task(), state);
    if (result.data().get("ansible_facts") instanceof Map<?, ?> facts) {
      facts.keySet().forEach(k -> state.setRuntime(String.valueOf(k), Unknown.VALUE));
    }
  }

  private void unknownVariables(Task task, HostState state) {
    // the variables the task would set (set_fact's names: its schema says so)
    run.modules.find(task.module()).ifPresent(m -> m.schema().variablesDefinedBy(task.args())
        .forEach(name -> state.setRuntime(name, Unknown.VALUE)));
  }

  /**
   * A handler runs after the play's tasks (and at each {@code meta: flush_handlers}), where a task that
   * notifies it changed the host since it last ran there.
   */
  private TaskResult handler(TaskNode node, String name, HostState state, Instant started) throws TemplateException {
    if (state.notifiedSinceRun(node.playIndex(), node.task(), false)) {
      state.handlerRan(node.task());
      return evaluate(node, name, state, started);
    }
    if (state.notifiedSinceRun(node.playIndex(), node.task(), true)) {
      state.handlerRan(node.task());
      return deferred(node.task(), state, "notified by a task whose change is known only after apply", started);
    }
    return TaskResult.skipped("not notified");
  }

  private TaskResult evaluate(TaskNode node, String name, HostState state, Instant started) throws TemplateException {
    Task task = node.task();
    VariableScope scope = run.scope(node);
    TaskSecrets.registerSecretValues(node.play(), scope, run.redactor);
    if (task.loop() != null) {
      return loop(node, name, state, scope, started);
    }
    Outcome outcome = once(node, name, state, scope, started);
    if (outcome instanceof Outcome.Skipped) {
      register(task, state, Map.of("changed", false, "skipped", true, "skip_reason", "Conditional result was False"));
      return TaskResult.skipped("condition false: " + task.when());
    }
    if (outcome instanceof Outcome.Deferred d) {
      return deferred(task, state, d.reason(), started);
    }
    if (outcome instanceof Outcome.Unreachable u) {
      return new TaskResult(Status.UNREACHABLE, u.message(), List.of(), List.of(), Map.of(), since(started));
    }
    Outcome.Done done = (Outcome.Done) outcome;
    return finish(task, state, scope, done.attempt(), done.attempts(), started);
  }

  /** One run of the module: {@code when}, arguments, binding, then the tries. */
  private Outcome once(TaskNode node, String name, HostState state, VariableScope scope, Instant started)
      throws TemplateException {
    Task task = node.task();
    if (task.when() != null) {
      List<String> unknown = scope.unknownsIn(task.when(), true);
      if (!unknown.isEmpty()) {
        return new Outcome.Deferred("`when` reads " + names(unknown));
      }
      if (!run.templates.test(task.when(), scope.varsFor(task.when(), true))) {
        return new Outcome.Skipped();
      }
    }
    List<String> unknown = scope.unknownsIn(task.args(), false);
    if (!unknown.isEmpty()) {
      return new Outcome.Deferred("arguments read " + names(unknown));
    }
    Optional<Module> module = run.modules.find(task.module());
    if (module.isEmpty()) {
      return Outcome.failed("unknown module `" + task.module() + "`");
    }
    Object rendered = Omit.drop(run.templates.render(task.args(), scope.varsFor(task.args(), false)));
    if (!module.get().schema().definesVariables()) {
      rendered = dev.provision.template.Templates.revealUnsafe(rendered); // a fact set from an unsafe value stays unsafe
    }
    Params params;
    try {
      params = module.get().schema().bind(task.module(), rendered);
    } catch (ModuleException e) {
      return Outcome.failed(e.getMessage());
    }
    for (Param p : module.get().schema().params().values()) {
      if (p.isSecret() && params.has(p.name())) {
        run.redactor.add(params.raw(p.name()));
      }
    }
    if (task.noLog()) {
      run.redactor.add(TaskSecrets.fromTemplates(task.args(), rendered));
    }
    return attempts(node, name, module.get(), params, scope, state, started);
  }

  /**
   * {@code with_first_found}'s one item: the first file of the rendered terms that exists, found as
   * Ansible's loop finds it, in the folder of the action's kind ({@code vars/} for include_vars,
   * {@code templates/} for template, else {@code files/}), none with {@code skip: true}.
   */
  private List<?> firstFound(Task task, Object terms, VariableScope scope) throws TemplateException {
    String module = task.module().substring(task.module().lastIndexOf('.') + 1);
    String subdir = module.contains("template") ? "templates" : module.contains("var") ? "vars" : "files";
    Map<String, Object> vars = new java.util.HashMap<>(scope.varsFor("role_path ~ playbook_dir", true));
    vars.put("_first_found_terms", terms);
    vars.put(dev.provision.template.Templates.FIRST_FOUND_SUBDIR, subdir);
    Object found = run.templates.evaluate("query('first_found', _first_found_terms)", vars);
    return found instanceof List<?> l ? l : List.of(found);
  }

  /**
   * {@code with_first_found}'s terms rendered name by name: a name that reads an undefined variable
   * is left out, as Ansible's first_found passes over it ({@code "{{ ansible_distribution_release }}.yml"}
   * on a host without that fact).
   */
  private Object firstFoundTerms(Object items, VariableScope scope) throws TemplateException {
    if (!(items instanceof List<?> list)) {
      return run.templates.render(items, scope.varsFor(items, false));
    }
    List<Object> out = new java.util.ArrayList<>();
    for (Object term : list) {
      if (term instanceof Map<?, ?> m) {
        Map<Object, Object> rendered = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          rendered.put(e.getKey(), "files".equals(e.getKey()) && e.getValue() instanceof List<?> files
              ? defined(files, scope) : run.templates.render(e.getValue(), scope.varsFor(e.getValue(), false)));
        }
        out.add(rendered);
      } else {
        out.addAll(defined(List.of(term), scope));
      }
    }
    return out;
  }

  private List<Object> defined(List<?> names, VariableScope scope) throws TemplateException {
    List<Object> out = new java.util.ArrayList<>();
    for (Object name : names) {
      try {
        out.add(run.templates.render(name, scope.varsFor(name, false)));
      } catch (TemplateException e) {
        if (!e.isUndefined()) {
          throw e;
        }
      }
    }
    return out;
  }

  /** A looped task: once per item, all items even after a failure (as Ansible), one result for the node. */
  private TaskResult loop(TaskNode node, String name, HostState state, VariableScope scope, Instant started)
      throws TemplateException {
    Task task = node.task();
    TaskLoop loop = task.loop();
    List<String> unknown = scope.unknownsIn(loop.items(), false);
    if (!unknown.isEmpty()) {
      return deferred(task, state, "`loop` reads " + names(unknown), started);
    }
    Object rendered;
    List<Object> items;
    if (loop.kind().equals("with_first_found")) { // its items are the file found, or none
      List<?> found = firstFound(task, firstFoundTerms(loop.items(), scope), scope);
      rendered = found;
      items = new java.util.ArrayList<>(found);
    } else {
      rendered = run.templates.render(loop.items(), scope.varsFor(loop.items(), false));
      items = loop.lookup() == null ? LoopResults.items(rendered, loop.kind())
          : run.templates.loopLookup(loop.lookup(), rendered, scope.varsFor(loop.items(), false));
    }
    if (items == null) {
      return finish(task, state, scope, Attempt.failure("`" + loop.kind() + "` must give a "
          + (loop.kind().equals("with_dict") ? "mapping" : "list") + ", not " + LoopResults.describe(rendered),
          Map.of(), List.of(), List.of(), false), 1, started);
    }
    LoopResults results = new LoopResults(loop.var());
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      // loop_control.pause: between two items, when the run changes hosts (a plan only predicts)
      if (i > 0 && loop.pause() != null && run.mode() == Mode.APPLY && !sleep(loop.pause())) {
        break;
      }
      scope.set(loop.var(), item, false);
      if (loop.indexVar() != null) {
        scope.set(loop.indexVar(), (long) i, false);
      }
      if (loop.extended()) {
        scope.set("ansible_loop", LoopResults.extended(items, i), false);
      }
      String label = loop.label() == null ? LoopResults.label(item)
          : String.valueOf(run.templates.render(loop.label(), scope.varsFor(loop.label(), false)));
      Outcome outcome = once(node, name, state, scope, started);
      if (outcome instanceof Outcome.Deferred d) {
        return deferred(task, state, "item " + label + ": " + d.reason(), started);
      }
      if (outcome instanceof Outcome.Unreachable u) {
        return new TaskResult(Status.UNREACHABLE, u.message(), List.of(), List.of(), Map.of(), since(started));
      }
      results.add(item, label, outcome);
      if (outcome instanceof Outcome.Done done) {
        seeFacts(task, done.attempt(), scope);
      }
    }
    if (task.noLog()) {
      results.attempts().forEach(a -> run.redactor.add(TaskSecrets.secretsOf(a.data())));
    }
    keep(task, state, scope, results.pending(), results.registered(), results.attempts());
    return results.result(since(started));
  }

  private Outcome attempts(TaskNode node, String name, Module module, Params params, VariableScope scope, HostState state,
      Instant started) throws TemplateException {
    Task task = node.task();
    boolean become = run.become(node.play(), task, state.host());
    String connection;
    try {
      connection = run.connectionHost(task, node.host(), scope);
    } catch (IllegalArgumentException e) {
      return Outcome.failed(e.getMessage());
    }
    if (connection == null) {
      return new Outcome.Deferred("`delegate_to` reads a value known only after apply");
    }
    HostState target = connection.equals(node.host()) ? state : run.delegateState(connection);
    dev.provision.playbook.Reach reach = run.reach(task.reach(), scope);
    if (reach == null) {
      return new Outcome.Deferred("`connection`, `remote_user` or `port` reads a value known only after apply");
    }
    Map<String, String> environment;
    try {
      environment = run.environment(task.environment(), scope);
    } catch (IllegalArgumentException e) {
      return Outcome.failed(e.getMessage());
    }
    if (environment == null) {
      return new Outcome.Deferred("`environment` reads a value known only after apply");
    }
    dev.provision.connection.Become becomeAs;
    try {
      becomeAs = become ? run.becomeAs(task.becomeAs(), scope) : dev.provision.connection.Become.ROOT;
    } catch (IllegalArgumentException e) {
      return Outcome.failed(e.getMessage());
    }
    if (becomeAs == null) {
      return new Outcome.Deferred("`become_user` or another become setting reads a value known only after apply");
    }
    int tries = task.retries() + 1;
    if (task.runsInPlan() && state.hasPendingChanges()) {
      // check_mode: false reads the host for real; after a planned change that read would lie
      return new Outcome.Deferred("runs for real, but an earlier task on this host would change it first");
    }
    for (int attempt = 1; ; attempt++) {
      NodeContext host = new NodeContext(run, node, state, target, reach, environment, scope, node.play().name(), name,
          become, becomeAs, task.timeout(), started);
      Attempt a = calls.call(module, params, host, target, task.timeout(), task.runsInPlan(), task.checkOnly());
      if (host.staleReason() != null) {
        return Outcome.failed(host.staleReason()); // refused by the saved plan: no retry, no failed_when
      }
      if (host.deferredReason() != null) {
        return new Outcome.Deferred(host.deferredReason());
      }
      if (a.unreachable()) {
        state.markUnreachable(a.message());
        return new Outcome.Unreachable(a.message());
      }
      Conditions.Verdict v = conditions.judge(task, a, attempt, scope);
      if (v.deferredReason() != null) {
        return new Outcome.Deferred(v.deferredReason());
      }
      Attempt judged = v.attempt();
      boolean lastTry = attempt >= tries || Thread.currentThread().isInterrupted();
      if ((!judged.failed() && v.untilMet()) || lastTry) {
        if (!v.untilMet() && !judged.failed()) {
          judged = judged.withFailed(true, "`until` still false after " + attempt + " attempt(s): " + task.until());
        }
        return new Outcome.Done(judged, attempt);
      }
      String reason = judged.failed() ? judged.message() : "`until` is false: " + task.until();
      run.events.accept(new Event.TaskRetrying(node.play().name(), name, node.host(), attempt,
          task.retries(), task.noLog() ? TaskSecrets.HIDDEN : reason, run.id(node)));
      if (!sleep(task.delay())) {
        return new Outcome.Done(judged.withFailed(true, "cancelled"), attempt);
      }
    }
  }

  private TaskResult finish(Task task, HostState state, VariableScope scope, Attempt a, int attempts, Instant started) {
    Map<String, Object> value = a.registered(attempts);
    if (task.noLog()) {
      run.redactor.add(TaskSecrets.secretsOf(a.data()));
    }
    keep(task, state, scope, a.pending(), value, List.of(a));
    Status status = a.failed() ? Status.FAILED : a.changed() ? Status.CHANGED : Status.OK;
    return new TaskResult(status, a.message(), a.diffs(), a.actions(), a.data(), since(started));
  }

  /**
   * Registers a result and merges the facts it sets ({@code ansible_facts}). When it is
   * {@code pending} (a change planned, not made), both are unknown until apply, and what the host's
   * later tasks read may differ from what the apply will find.
   */
  private void keep(Task task, HostState state, VariableScope scope, boolean pending, Map<String, Object> registered,
      List<Attempt> attempts) {
    if (pending) {
      state.pendingChange();
    }
    register(task, state, Unknown.unlessPending(pending, registered));
    HostState factsOf = factsOwner(task, state, scope);
    for (Attempt a : attempts) {
      if (returnsFacts(task) && a.data().get("ansible_facts") instanceof Map<?, ?> facts) {
        if (factModule(task)) {
          // facts of the host (getent, setup): ranked as facts and kept under ansible_facts
          Map<String, Object> learned = new java.util.LinkedHashMap<>();
          facts.forEach((k, v) -> learned.put(String.valueOf(k), Unknown.unlessPending(pending, v)));
          factsOf.learned(learned);
          continue;
        }
        boolean included = includesVars(task);
        facts.forEach((k, v) -> {
          if (included) {
            factsOf.include(String.valueOf(k), Unknown.unlessPending(pending, v));
          } else {
            factsOf.setRuntime(String.valueOf(k), Unknown.unlessPending(pending, v));
          }
        });
      }
    }
  }

  /**
   * The facts an item of a loop set, for the items after it (Ansible's accumulator,
   * {@code acc: "{{ acc + [item] }}"}); extra vars still win, as they do over set_fact.
   */
  private void seeFacts(Task task, Attempt attempt, VariableScope scope) {
    if (returnsFacts(task) && attempt.data().get("ansible_facts") instanceof Map<?, ?> facts) {
      facts.forEach((k, v) -> {
        if (!run.options.extraVars().containsKey(String.valueOf(k))) {
          scope.set(String.valueOf(k), Unknown.unlessPending(attempt.pending(), v), includesVars(task));
        }
      });
    }
  }

  /**
   * Whose variables the facts a task sets become: its host's, or with {@code delegate_facts} the
   * delegate's (when that is a host of the run; Ansible's implicit localhost keeps none here).
   */
  private HostState factsOwner(Task task, HostState state, VariableScope scope) {
    if (!task.delegateFacts() || task.delegateTo() == null) {
      return state;
    }
    try {
      String to = run.connectionHost(task, state.host().name(), scope);
      HostState owner = to == null ? null : run.host(to);
      return owner == null ? state : owner;
    } catch (IllegalArgumentException | TemplateException e) {
      return state; // the task itself reported it
    }
  }

  /** Whether the task's module says its result's {@code ansible_facts} are host variables. */
  private boolean returnsFacts(Task task) {
    return run.modules.find(task.module()).map(m -> m.schema().returnsFacts()).orElse(false);
  }

  /**
   * Whether the task's module returns facts of the host (getent, setup), not variables named by the
   * task (set_fact) or loaded from files (include_vars).
   */
  private boolean factModule(Task task) {
    return run.modules.find(task.module()).map(m -> m.schema().returnsFacts() && !m.schema().includesVars()
        && !m.schema().definesVariables()).orElse(false);
  }

  /** Whether those facts are included variables ({@code include_vars}), whose values may hold templates. */
  private boolean includesVars(Task task) {
    return run.modules.find(task.module()).map(m -> m.schema().includesVars()).orElse(false);
  }

  private static void register(Task task, HostState state, Object value) {
    if (task.register() != null) {
      state.setRuntime(task.register(), value);
    }
  }

  private TaskResult deferred(Task task, HostState state, String why, Instant started) {
    register(task, state, Unknown.VALUE);
    state.pendingChange();
    unknownVariables(task, state);
    return new TaskResult(Status.DEFERRED, "known after apply: " + why, List.of(), List.of(), Map.of(), since(started));
  }

  private static TaskResult failed(String message, Instant started) {
    return new TaskResult(Status.FAILED, message, List.of(), List.of(), Map.of(), since(started));
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
