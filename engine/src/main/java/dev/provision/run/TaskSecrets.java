package dev.provision.run;

import dev.provision.event.TaskResult;
import dev.provision.playbook.Play;
import dev.provision.template.TemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task's secrets do to its result: {@code no_log} hides the output, and what a no_log task
 * rendered or returned, or a {@code secret_vars} variable's value, becomes a secret the
 * {@link Redactor} masks everywhere from then on.
 */
final class TaskSecrets {

  static final String HIDDEN = "output hidden by no_log";

  private TaskSecrets() {}

  /** A secret variable whose value is a template is masked once rendered, before anything can show it. */
  static void registerSecretValues(Play play, VariableScope scope, Redactor redactor) {
    for (String name : play.secretVars()) {
      if (scope.defines(name)) {
        try {
          Object value = scope.resolve(name);
          if (!Unknown.is(value)) {
            redactor.add(value);
          }
        } catch (TemplateException | RuntimeException e) {
          // reported by the task that uses it
        }
      }
    }
  }

  static TaskResult hide(TaskResult r) {
    return new TaskResult(r.status(), HIDDEN, List.of(), r.actions().isEmpty() ? List.of() : List.of(HIDDEN),
        Map.of("censored", HIDDEN), r.elapsed());
  }

  /** String results of a no_log task (command output, tokens) become secrets; metadata does not. */
  static Map<String, Object> secretsOf(Map<String, Object> data) {
    Map<String, Object> out = new LinkedHashMap<>(data);
    out.keySet().removeAll(List.of("changed", "failed", "skipped", "rc", "attempts", "cmd"));
    return out;
  }

  /**
   * The rendered values that came from templates (variables), which a no_log task hides; literal
   * words such as {@code state: present} are not secrets and stay readable elsewhere.
   */
  static List<Object> fromTemplates(Object raw, Object rendered) {
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
}
