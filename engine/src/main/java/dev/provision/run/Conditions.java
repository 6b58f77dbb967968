package dev.provision.run;

import dev.provision.module.Mode;
import dev.provision.playbook.Task;
import dev.provision.template.TemplateException;
import java.util.List;

/**
 * Applies a task's {@code changed_when}, {@code failed_when} and {@code until} to one attempt,
 * with the attempt's result visible under the {@code register} name, as in Ansible. In plan mode
 * a pending change has an unknown result: a condition that reads it makes the task DEFERRED
 * ({@code changed_when}, {@code until} on an unchanged task) or is left to apply
 * ({@code failed_when}, {@code until} on a change: the task is CHANGED either way).
 */
final class Conditions {

  record Verdict(Attempt attempt, boolean untilMet, String deferredReason) {}

  private final RunContext run;

  Conditions(RunContext run) {
    this.run = run;
  }

  Verdict judge(Task task, Attempt a, int attempt, VariableScope scope) throws TemplateException {
    if (task.register() != null) {
      scope.set(task.register(), Unknown.unlessPending(a.pending(), a.registered(attempt)), false);
    }
    Attempt out = a;
    // Ansible judges changed_when on every result, a failed one too (then failed_when may clear the failure)
    if (task.changedWhen() != null) {
      if (!scope.unknownsIn(task.changedWhen(), true).isEmpty()) {
        return deferred("`changed_when` reads the result: " + task.changedWhen());
      }
      out = out.withChanged(test(task.changedWhen(), scope));
    }
    if (task.failedWhen() != null && scope.unknownsIn(task.failedWhen(), true).isEmpty()) {
      boolean failed = test(task.failedWhen(), scope);
      String why = failed ? (a.failed() ? a.message() : "`failed_when` is true: " + task.failedWhen()) : a.message();
      out = out.withFailed(failed, why).withData("failed_when_result", failed);
    }
    boolean untilMet = true;
    if (task.until() != null && !out.failed()) {
      List<String> unknown = scope.unknownsIn(task.until(), true);
      if (unknown.isEmpty()) {
        untilMet = test(task.until(), scope);
        if (!untilMet && run.mode() == Mode.PLAN) {
          return deferred("`until` is not true yet: " + task.until());
        }
      }
    }
    return new Verdict(out, untilMet, null);
  }

  private boolean test(String expression, VariableScope scope) throws TemplateException {
    return run.templates.test(expression, scope.varsFor(expression, true));
  }

  private static Verdict deferred(String reason) {
    return new Verdict(null, false, reason);
  }
}
