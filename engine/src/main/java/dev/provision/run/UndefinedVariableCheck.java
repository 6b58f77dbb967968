package dev.provision.run;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.DiagnosticsException;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import dev.provision.graph.TaskGraph;
import dev.provision.inventory.Group;
import dev.provision.inventory.Host;
import dev.provision.module.ModuleRegistry;
import dev.provision.playbook.Play;
import dev.provision.playbook.Task;
import dev.provision.template.Templates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Before any host is touched: every variable a template reads must be defined by some source
 * (inventory, play or task vars, a register or set_fact anywhere in the playbook, gathered facts,
 * extra vars, magic variables). Host-specific gaps are left to run time, as in Ansible.
 */
final class UndefinedVariableCheck {

  private static final Set<String> MAGIC = Set.of("inventory_hostname", "inventory_hostname_short", "groups",
      "group_names", "hostvars", "play_hosts", "playbook_dir", "omit", "item", "environment", "true", "false",
      "none", "True", "False", "None", "range", "lookup", "query", "q", "loop", "namespace", "dict", "lipsum",
      "cycler", "joiner", "vars");

  private final ModuleRegistry modules;
  private final Templates templates;

  UndefinedVariableCheck(ModuleRegistry modules, Templates templates) {
    this.modules = modules;
    this.templates = templates;
  }

  void check(TaskGraph graph, RunOptions options) throws DiagnosticsException {
    Set<String> global = new HashSet<>(MAGIC);
    global.addAll(options.extraVars().keySet());
    for (Host h : graph.inventory().hosts().values()) {
      global.addAll(h.vars().keySet());
    }
    for (Group g : graph.inventory().groups().values()) {
      global.addAll(g.vars().keySet());
    }
    for (Play play : graph.playbook().plays()) {
      for (Task task : play.tasksAndHandlers()) {
        if (task.register() != null) {
          global.add(task.register());
        }
        modules.find(task.module()).ifPresent(m -> global.addAll(m.schema().variablesDefinedBy(task.args())));
      }
    }
    Diagnostics out = new Diagnostics();
    for (Play play : graph.playbook().plays()) {
      Set<String> playKnown = new HashSet<>(global);
      playKnown.addAll(play.vars().keySet());
      Set<String> forPlayVars = new HashSet<>(playKnown);
      play.tasksAndHandlers().forEach(t -> forPlayVars.addAll(t.vars().keySet())); // rendered lazily, per task
      check(play.vars(), false, forPlayVars, play.span(), "play `" + play.name() + "` vars", out);
      for (Task task : play.tasksAndHandlers()) {
        Set<String> known = new HashSet<>(playKnown);
        known.addAll(task.vars().keySet());
        SourceSpan where = task.span();
        String what = "task `" + task.displayName() + "`";
        if (task.loop() != null) {
          check(task.loop().items(), false, known, where, what + " `loop`", out); // before the item exists
          known.add(task.loop().var());
          known.add("ansible_loop_var");
          check(task.loop().label(), false, known, where, what + " `loop_control.label`", out);
        }
        check(task.vars(), false, known, where, what + " vars", out);
        check(task.when(), true, known, where, what + " `when`", out);
        check(task.args(), false, known, task.moduleSpan() != null ? task.moduleSpan() : where, what, out);
        check(task.until(), true, known, where, what + " `until`", out);
        check(task.changedWhen(), true, known, where, what + " `changed_when`", out);
        check(task.failedWhen(), true, known, where, what + " `failed_when`", out);
      }
    }
    out.throwIfErrors();
  }

  private void check(Object template, boolean bare, Set<String> known, SourceSpan where, String what,
      Diagnostics out) {
    if (template == null) {
      return;
    }
    for (String name : references(template, bare)) {
      if (!known.contains(name) && !name.startsWith("ansible_")) {
        String hint = Suggestions.didYouMean(name, known);
        out.error(where, what + " reads variable `" + name + "`, which nothing defines",
            hint != null ? hint : "define it in the play's vars, the inventory, with register or set_fact, or with -e");
      }
    }
  }

  private Set<String> references(Object value, boolean bare) {
    Set<String> out = new LinkedHashSet<>();
    List<Object> todo = new ArrayList<>(List.of(value));
    while (!todo.isEmpty()) {
      Object v = todo.remove(todo.size() - 1);
      if (v instanceof String s && (bare || VariableScope.hasTemplate(s))) {
        // `x | default(...)`, `x is defined` and the like cope with an undefined x: not an error
        for (var ref : templates.variableReferences(s, bare && v == value)) {
          if (!ref.guarded()) {
            out.add(ref.name());
          }
        }
      } else if (v instanceof Map<?, ?> m) {
        todo.addAll(m.values());
        m.keySet().forEach(k -> todo.add(String.valueOf(k)));
      } else if (v instanceof Iterable<?> l) {
        l.forEach(todo::add);
      }
    }
    return out;
  }
}
