package dev.provision.playbook;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import dev.provision.module.ModuleRegistry;
import dev.provision.template.Templates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The undefined-variable check, before any host is touched: every variable a template reads must
 * be defined by some source. It must never refuse a playbook Ansible would run, so it is lenient
 * where it cannot know: any {@code ansible_*} name (facts, connection and magic variables), any
 * {@code register} name or variable a task declares it sets ({@code set_fact}) anywhere in the
 * playbook, whatever the order, and the names the caller knows from elsewhere (inventory variables
 * of any host or group, extra vars). Play and task {@code vars} count where they are visible.
 * Guarded uses ({@code x is defined}, {@code x | default(..)}) are fine, and host-specific gaps are
 * left to run time, as in Ansible. Module expressions ({@code assert}'s {@code that}) are read at
 * run time; template text in them is checked here.
 */
public final class VariableCheck {

  /**
   * The names defined for every task that do not start with {@code ansible_}: the engine's magic
   * variables and Jinja's globals. The one list; {@code ansible_*} names are all accepted.
   */
  public static final Set<String> MAGIC = Set.of("inventory_hostname", "inventory_hostname_short", "groups",
      "group_names", "hostvars", "play_hosts", "playbook_dir", "omit", "item", "environment", "true", "false",
      "none", "True", "False", "None", "range", "lookup", "query", "q", "loop", "namespace", "dict", "lipsum",
      "cycler", "joiner", "vars", "role_names");

  private final ModuleRegistry modules;
  private final Templates templates;

  public VariableCheck(ModuleRegistry modules, Templates templates) {
    this.modules = modules;
    this.templates = templates;
  }

  /**
   * Every undefined variable, with its place and a did-you-mean: an error where the read certainly
   * happens when the play runs (Ansible would fail there too), a warning where the task may not run
   * ({@code when}, handlers) or its failure is ignored ({@code ignore_errors}); empty when all is defined.
   */
  public Diagnostics check(Playbook playbook, Set<String> definedElsewhere) {
    Set<String> global = new HashSet<>(MAGIC);
    global.addAll(definedElsewhere);
    global.addAll(setAnywhere(playbook));
    Diagnostics found = new Diagnostics();
    checkPlays(playbook, global, found);
    // an include_vars reads its files at run time: any name may come from one, so an error is a warning
    boolean includes = playbook.plays().stream().flatMap(p -> p.tasksAndHandlers().stream())
        .anyMatch(t -> modules.find(t.module()).map(m -> m.schema().includesVars()).orElse(false));
    if (!includes) {
      return found;
    }
    Diagnostics out = new Diagnostics();
    found.asList().forEach(d -> out.add(d.severity() == dev.provision.diag.Severity.ERROR
        ? Diagnostic.warning(d.span(), d.summary() + " (a warning: an include_vars may define it)", d.hint()) : d));
    return out;
  }

  private void checkPlays(Playbook playbook, Set<String> global, Diagnostics out) {
    for (Play play : playbook.plays()) {
      Set<String> playKnown = new HashSet<>(global);
      playKnown.addAll(play.vars().keySet());
      playKnown.addAll(play.roles().defaults().keySet());
      playKnown.addAll(play.roles().vars().keySet());
      Set<String> forPlayVars = new HashSet<>(playKnown);
      play.tasksAndHandlers().forEach(t -> forPlayVars.addAll(t.vars().keySet())); // rendered lazily, per task
      check(play.vars(), false, forPlayVars, play.span(), "play `" + play.name() + "` vars", out);
      for (Task task : play.tasksAndHandlers()) {
        Set<String> known = new HashSet<>(playKnown);
        known.addAll(task.vars().keySet());
        if (task.role() != null) {
          known.addAll(List.of("role_name", "role_path"));
          known.addAll(task.role().defaults().keySet());
          known.addAll(task.role().vars().keySet());
          known.addAll(task.role().params().keySet());
        }
        SourceSpan where = task.span();
        String what = "task `" + task.displayName() + "`";
        // Never stricter than Ansible: an error only where the read certainly happens and fails
        // there; a task that may not run (a `when`, a handler) or whose failure is ignored only warns.
        boolean mayNotRun = task.when() != null || play.handlers().contains(task);
        boolean failureIgnored = task.ignoreErrors() || task.ignoreErrorsWhen() != null;
        Diagnostics body = mayNotRun || failureIgnored ? new Diagnostics() : out;
        Diagnostics condition = failureIgnored || play.handlers().contains(task) ? new Diagnostics() : out;
        if (task.loop() != null) {
          check(task.loop().items(), false, known, where, what + " `loop`", body); // before the item exists
          known.add(task.loop().var());
          known.add("ansible_loop_var");
          if (task.loop().indexVar() != null) {
            known.add(task.loop().indexVar());
          }
          if (task.loop().extended()) {
            known.add("ansible_loop");
          }
          check(task.loop().label(), false, known, where, what + " `loop_control.label`", body);
        }
        check(task.vars(), false, known, where, what + " vars", body);
        check(task.when(), true, known, where, what + " `when`", condition);
        check(task.args(), false, known, task.moduleSpan() != null ? task.moduleSpan() : where, what, body);
        check(task.until(), true, known, where, what + " `until`", body);
        check(task.changedWhen(), true, known, where, what + " `changed_when`", body);
        check(task.failedWhen(), true, known, where, what + " `failed_when`", body);
        for (Diagnostics held : List.of(body, condition)) {
          if (held != out) {
            held.asList().forEach(d -> out.add(Diagnostic.warning(d.span(), d.summary() + (mayNotRun
                ? " (a warning: the task may not run)" : " (a warning: the task's failure is ignored)"), d.hint())));
          }
        }
      }
    }
  }

  /** What tasks set on a host, anywhere in the playbook: {@code register} names and declared variables. */
  public Set<String> setAnywhere(Playbook playbook) {
    Set<String> names = new LinkedHashSet<>();
    for (Play play : playbook.plays()) {
      for (Task task : play.tasksAndHandlers()) {
        if (task.register() != null) {
          names.add(task.register());
        }
        modules.find(task.module()).ifPresent(m -> names.addAll(m.schema().variablesDefinedBy(task.args())));
      }
    }
    return names;
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
      if (v instanceof String s && (bare || s.contains("{{") || s.contains("{%"))) {
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
