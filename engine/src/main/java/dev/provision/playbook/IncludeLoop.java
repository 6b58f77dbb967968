package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.template.TemplateException;
import dev.provision.template.Templates;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code loop} (or {@code with_items}, {@code with_list}) of an {@code include_tasks} or
 * {@code include_role}: the included tasks are read once per item, each copy with the item in its
 * loop variable, so the graph keeps one node per (task, host, item) and the plan shows every one.
 * That needs the items when the playbook is read: a list written out, whose items hold no template.
 * A loop over a template (a variable, a fact, a registered result) is refused as not supported yet
 * rather than guessed. A file or role name may be a template of the loop variable alone
 * ({@code "setup-{{ item }}.yml"}), rendered per item.
 */
final class IncludeLoop {

  static final Set<String> KEYS = Set.of("loop", "with_items", "with_list", "loop_control");
  private static final Set<String> LOOPS = Set.of("loop", "with_items", "with_list");

  /** No loop: the include's tasks are read once, with no loop variable. */
  static final List<Map<String, Object>> ONCE = List.of(Map.of());

  private static Templates templates;

  private IncludeLoop() {
  }

  /**
   * The variables of each pass over the included tasks: one empty map without a loop, one
   * {@code {loop_var: item}} per item with one; an empty list after an error (reported).
   */
  static List<Map<String, Object>> passes(YMap map, String key, Diagnostics out) {
    List<String> loops = map.keySet().stream().filter(LOOPS::contains).toList();
    if (loops.isEmpty()) {
      if (map.has("loop_control")) {
        out.error(map.keySpan("loop_control"), "`loop_control` without a loop", "add `loop:` with the items");
      }
      return ONCE;
    }
    String loopKey = loops.get(0);
    if (loops.size() > 1) {
      out.error(map.keySpan(loops.get(1)), "`" + key + "` has one loop, this one has `" + String.join("` and `", loops)
          + "`", "keep `loop:`");
      return List.of();
    }
    String var = loopVar(map.entries().get("loop_control"), out);
    if (var == null) {
      return List.of();
    }
    YNode value = map.entries().get(loopKey);
    if (!(value instanceof YSeq seq)) {
      if (Keywords.templated(value)) {
        out.error(value.span(), "`" + loopKey + "` over a template on `" + key + "` is not supported yet: the included"
            + " tasks are read once per item when the playbook is read, before any variable is known",
            "write the items out: `" + loopKey + ": [a, b]`");
      } else {
        out.error(value.span(), "`" + loopKey + "` must be a list, not " + value.kind(), "write `" + loopKey
            + ": [a, b]`");
      }
      return List.of();
    }
    List<Map<String, Object>> passes = new ArrayList<>();
    for (YNode item : seq.items()) {
      if (templated(item)) {
        out.error(item.span(), "an item with a template in the `" + loopKey + "` of `" + key + "` is not supported"
            + " yet: the included tasks are read per item when the playbook is read", "write the item's value");
        return List.of();
      }
      List<Object> values = new ArrayList<>();
      if (loopKey.equals("with_items") && item instanceof YSeq inner) {
        inner.items().forEach(i -> values.add(i.toPlain())); // with_items flattens one level
      } else {
        values.add(item.toPlain());
      }
      for (Object v : values) {
        Map<String, Object> pass = new LinkedHashMap<>();
        pass.put(var, v);
        passes.add(pass);
      }
    }
    return passes;
  }

  /** {@code loop_control}'s {@code loop_var} ({@code item} without one); {@code label} only names items in the output. */
  private static String loopVar(YNode control, Diagnostics out) {
    if (control == null) {
      return TaskLoop.DEFAULT_VAR;
    }
    if (!(control instanceof YMap m)) {
      out.error(control.span(), "`loop_control` must be a mapping, not " + control.kind(),
          "write `loop_control: {loop_var: pkg}`");
      return null;
    }
    String var = TaskLoop.DEFAULT_VAR;
    for (String k : m.keySet()) {
      YNode v = m.entries().get(k);
      if (k.equals("loop_var")) {
        var = v instanceof YScalar s && !s.isNull() ? s.text() : "";
        if (!Keywords.IDENTIFIER.matcher(var).matches() || Keywords.RESERVED.contains(var)) {
          out.error(v.span(), "`" + var + "` is not a valid variable name for `loop_var`",
              "use letters, digits and underscores, starting with a letter or underscore");
          return null;
        }
      } else if (!k.equals("label")) {
        out.error(m.keySpan(k), "`loop_control." + k + "` on an include is not supported yet", "supported: loop_var, label");
        return null;
      }
    }
    return var;
  }

  /** The variables {@code name} reads besides the pass's: host variables or facts, known per host at run time. */
  static List<String> hostVariables(YScalar name, Map<String, Object> pass) {
    if (!Keywords.templated(name)) {
      return List.of();
    }
    return templates().referencedVariables(name.text(), false).stream().filter(v -> !pass.containsKey(v)).toList();
  }

  /**
   * {@code name} rendered with the pass's variables, or null after an error: a name may read the
   * loop variable only, the one value known when the playbook is read.
   */
  static String name(YScalar name, Map<String, Object> pass, String what, Diagnostics out) {
    if (!Keywords.templated(name)) {
      return name.text();
    }
    Templates t = templates();
    List<String> other = t.referencedVariables(name.text(), false).stream().filter(v -> !pass.containsKey(v)).toList();
    if (!other.isEmpty()) {
      out.error(name.span(), "a " + what + " with a template is not supported yet" + (pass.isEmpty() ? ""
          : ", unless it reads only the loop variable") + ": `" + String.join("`, `", other)
          + "` is not known when the playbook is read", "name the file, or loop over the names: `"
          + "include_tasks: \"setup-{{ item }}.yml\"` with `loop: [a, b]`");
      return null;
    }
    try {
      return String.valueOf(t.render(name.text(), pass));
    } catch (TemplateException e) {
      out.error(name.span(), "the " + what + " cannot be rendered: " + e.getMessage(), "check the template");
      return null;
    }
  }

  private static boolean templated(YNode node) {
    if (node instanceof YScalar) {
      return Keywords.templated(node);
    }
    if (node instanceof YSeq s) {
      return s.items().stream().anyMatch(IncludeLoop::templated);
    }
    return node instanceof YMap m && m.entries().values().stream().anyMatch(IncludeLoop::templated);
  }

  private static synchronized Templates templates() {
    if (templates == null) {
      templates = new Templates(); // only for names that need one: most playbooks never build it
    }
    return templates;
  }
}
