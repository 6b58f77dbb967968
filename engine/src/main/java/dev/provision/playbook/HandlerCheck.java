package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import dev.provision.yaml.YNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A play's handlers and what notifies them, checked when the playbook is loaded: every handler can be
 * named (a {@code name} or a {@code listen} topic), {@code listen} is only on handlers, and every
 * {@code notify} names a handler or topic of the same play, with a did-you-mean otherwise.
 */
final class HandlerCheck {

  private final Diagnostics out;

  HandlerCheck(Diagnostics out) {
    this.out = out;
  }

  /**
   * {@code written}: the names and topics of every handler as written, also of those refused (an
   * unsupported module), so that a refused handler is one error, not one more per task notifying it.
   */
  void check(List<Task> tasks, List<Task> handlers, Set<String> written) {
    Set<String> names = new LinkedHashSet<>();
    for (Task h : handlers) {
      if ((h.name() == null || h.name().isBlank()) && h.listen().isEmpty()) {
        out.error(h.span(), "a handler needs a `name` (or `listen`), which `notify` refers to",
            "add `name: restart app` and `notify: restart app` on the tasks that trigger it");
      }
      if (h.name() != null) {
        names.add(h.name());
      }
      names.addAll(h.listen());
    }
    for (Task t : tasks) {
      if (!t.listen().isEmpty()) {
        out.error(where(t, "listen"), "`listen` belongs to a handler, under `handlers:`",
            "use `notify` on a task to trigger a handler");
      }
    }
    Set<String> known = new LinkedHashSet<>(names);
    known.addAll(written);
    handlers.stream().filter(h -> h.role() != null && h.name() != null).forEach(h -> known.add(h.role().qualify(h.name())));
    for (Task t : tasks) {
      notifies(t, names, known);
    }
    for (Task h : handlers) {
      notifies(h, names, known); // a handler may notify another, as in Ansible
    }
  }

  private void notifies(Task task, Set<String> names, Set<String> known) {
    for (String wanted : task.notifies()) {
      if (!known.contains(wanted)) {
        String hint = Suggestions.didYouMean(wanted, names);
        out.error(where(task, "notify"), "`notify` names `" + wanted + "`, but this play has no such handler",
            hint != null ? hint : names.isEmpty() ? "add it under the play's `handlers:`"
                : "handlers of this play: " + String.join(", ", names));
      }
    }
  }

  /** The names and {@code listen} topics of the handlers written in {@code list}, in blocks too. */
  static Set<String> written(YNode list) {
    Set<String> out = new LinkedHashSet<>();
    if (list instanceof dev.provision.yaml.YSeq seq) {
      for (YNode item : seq.items()) {
        if (item instanceof dev.provision.yaml.YMap map) {
          for (String section : List.of("block", "rescue", "always")) {
            map.get(section).ifPresent(n -> out.addAll(written(n)));
          }
          map.get("name").ifPresent(n -> out.add(String.valueOf(n.toPlain())));
          map.get("listen").ifPresent(n -> {
            Object v = n.toPlain();
            if (v instanceof List<?> l) {
              l.forEach(x -> out.add(String.valueOf(x)));
            } else {
              out.add(String.valueOf(v));
            }
          });
        }
      }
    }
    return out;
  }

  private static SourceSpan where(Task task, String key) {
    if (task.node() == null) {
      return task.span();
    }
    return task.node().get(key).map(YNode::span).orElse(task.span());
  }
}
