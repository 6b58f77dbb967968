package dev.provision.playbook;

import dev.provision.diag.SourceSpan;
import dev.provision.yaml.YMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A play: tasks for the hosts a pattern selects. {@code needs} is already resolved: the explicit
 * list, or the play before it when the key is absent, or empty for the first play and
 * {@code needs: []}. {@code vars} values may hold templates. {@code become} null means "not set"
 * (the inventory's {@code ansible_become} decides). {@code node} is the play as written (with spans),
 * for checks that point into it; null for plays built in code. {@code vars} includes what
 * {@code vars_files} and {@code secret_vars} files define; {@code secretVars} names the variables
 * whose values must never be shown. {@code handlers} run after the tasks, on the hosts where a task
 * that notifies them changed something; {@code roles}: what the play's roles give all its tasks.
 * {@code batching}: {@code serial}, {@code max_fail_percentage}, {@code any_errors_fatal}, {@code strategy}.
 * {@code reach}: the play's {@code connection}, {@code remote_user} and {@code port} (its tasks have them
 * already, under their own; this is for what the play runs itself, such as gathering facts).
 */
public record Play(
    String name,
    SourceSpan span,
    String hosts,
    Map<String, Object> vars,
    Set<String> secretVars,
    Boolean become,
    boolean gatherFacts,
    List<String> needs,
    List<Task> tasks,
    YMap node,
    List<Task> handlers,
    PlayRoles roles,
    Batching batching,
    Reach reach) {

  /** A play built in code, without its source node. */
  public Play(String name, SourceSpan span, String hosts, Map<String, Object> vars, Boolean become,
      boolean gatherFacts, List<String> needs, List<Task> tasks) {
    this(name, span, hosts, vars, Set.of(), become, gatherFacts, needs, tasks, null, List.of());
  }

  /** A play without roles, taking all its hosts at once. */
  public Play(String name, SourceSpan span, String hosts, Map<String, Object> vars, Set<String> secretVars,
      Boolean become, boolean gatherFacts, List<String> needs, List<Task> tasks, YMap node, List<Task> handlers) {
    this(name, span, hosts, vars, secretVars, become, gatherFacts, needs, tasks, node, handlers, PlayRoles.NONE,
        Batching.NONE, Reach.NONE);
  }

  /** The same play with other needs, tasks, handlers and variables (a play as imported, or resolved). */
  Play with(String name, Map<String, Object> vars, List<String> needs, List<Task> tasks, List<Task> handlers) {
    return new Play(name, span, hosts, vars, secretVars, become, gatherFacts, needs, tasks, node, handlers, roles,
        batching, reach);
  }

  public Play {
    vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    secretVars = Set.copyOf(secretVars);
    needs = List.copyOf(needs);
    tasks = List.copyOf(tasks);
    batching = batching == null ? Batching.NONE : batching;
    reach = reach == null ? Reach.NONE : reach;
    handlers = handlers == null ? List.of()
        : handlers.stream().map(h -> h.handler() ? h : h.toBuilder().handler(true).build()).toList();
    roles = roles == null ? PlayRoles.NONE : roles;
  }

  /**
   * What the graph runs, in order: the tasks, each {@code meta: flush_handlers} replaced by the
   * play's handlers (which run there, where notified since they last ran), then the handlers.
   */
  public List<Task> nodeTasks() {
    List<Task> all = new java.util.ArrayList<>();
    for (Task t : tasks) {
      if ("flush_handlers".equals(t.metaAction())) {
        all.addAll(handlers);
      } else {
        all.add(t);
      }
    }
    all.addAll(handlers);
    return all;
  }

  /** The tasks, then the handlers: every task of the play, for checks that look at all of them. */
  public List<Task> tasksAndHandlers() {
    List<Task> all = new java.util.ArrayList<>(tasks);
    all.addAll(handlers);
    return all;
  }
}
