package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.Suggestions;
import dev.provision.module.ModuleRegistry;
import dev.provision.template.Templates;
import dev.provision.template.VariableReference;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds, before any host is touched, every template or expression that refers to a variable no
 * source defines. Sources: the names the caller knows (inventory variables of any host, extra
 * vars, gathered fact names), the magic variables, and what the playbook itself defines anywhere:
 * play {@code vars}, task {@code vars}, {@code register} names and {@code set_fact} keys. The check
 * is deliberately file-wide (not per play or per host): it catches typos without guessing the
 * order things run in. Guarded uses ({@code x is defined}, {@code x | default(..)}) are fine.
 */
public final class VariableCheck {

  /** Variables the engine defines for every task. */
  public static final Set<String> MAGIC = Set.of("inventory_hostname", "inventory_hostname_short", "groups",
      "group_names", "hostvars", "play_hosts", "ansible_play_hosts", "ansible_play_hosts_all", "ansible_play_batch",
      "ansible_check_mode", "ansible_diff_mode", "ansible_facts", "omit", "item", "playbook_dir", "ansible_version");

  private final ModuleRegistry modules;
  private final Templates templates;

  public VariableCheck(ModuleRegistry modules, Templates templates) {
    this.modules = modules;
    this.templates = templates;
  }

  /** Undefined-variable errors, one per use, with spans and did-you-mean. Empty when all is defined. */
  public Diagnostics check(Playbook playbook, Set<String> definedElsewhere) {
    Set<String> known = new LinkedHashSet<>(definedElsewhere);
    known.addAll(MAGIC);
    known.addAll(definedBy(playbook, modules));
    Diagnostics out = new Diagnostics();
    for (Play play : playbook.plays()) {
      if (play.node() != null) {
        TemplateSites.ofPlay(play.node(), site -> check(site, known, out));
      }
      for (Task task : play.tasksAndHandlers()) {
        if (task.node() != null) {
          Set<String> expressions = modules.find(task.module()).map(m -> m.schema().expressionKeys()).orElse(Set.of());
          TemplateSites.ofTask(task.node(), task.module(), expressions, site -> check(site, known, out));
        }
      }
    }
    return out;
  }

  /** The variables a playbook defines itself: play and task vars, loop variables, registers, set_fact keys. */
  public static Set<String> definedBy(Playbook playbook, ModuleRegistry modules) {
    Set<String> names = new LinkedHashSet<>();
    for (Play play : playbook.plays()) {
      names.addAll(play.vars().keySet());
      for (Task task : play.tasksAndHandlers()) {
        names.addAll(task.vars().keySet());
        if (task.loop() != null) {
          names.add(task.loop().var());
          names.add("ansible_loop_var");
        }
        if (task.register() != null) {
          names.add(task.register());
        }
        modules.find(task.module()).ifPresent(m -> names.addAll(m.schema().variablesDefinedBy(task.args())));
      }
    }
    return names;
  }

  private void check(TemplateSites.Site site, Set<String> known, Diagnostics out) {
    String text = site.scalar().text();
    Set<String> guarded = new LinkedHashSet<>();
    var references = templates.variableReferences(text, site.bare());
    references.stream().filter(VariableReference::guarded).forEach(r -> guarded.add(r.name()));
    for (VariableReference r : references) {
      if (known.contains(r.name()) || guarded.contains(r.name())) {
        continue;
      }
      String hint = Suggestions.didYouMean(r.name(), known);
      out.error(TemplateSites.spanAt(site.scalar(), r.offset(), r.name().length()),
          "undefined variable `" + r.name() + "`",
          hint != null ? hint : "no source defines it: set it in the inventory, the play's `vars`, "
              + "with `register` or `set_fact`, or pass `-e " + r.name() + "=...`");
    }
  }
}
