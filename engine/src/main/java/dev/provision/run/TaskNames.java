package dev.provision.run;

import dev.provision.graph.GatherFactsNode;
import dev.provision.graph.GraphNode;
import dev.provision.graph.TaskNode;
import dev.provision.playbook.Task;
import dev.provision.template.TemplateException;

/**
 * The name a node is reported under. As in Ansible, a task's name is a template rendered with the
 * host's variables as they are when the task starts ({@code "version is {{ v }}"} becomes
 * {@code version is 1.2}); where it cannot be rendered (a variable not defined yet, one known only
 * after apply, a loop's {@code item}) the name is kept as written. A no_log task keeps it as
 * written too: what it would render is what no_log hides.
 */
final class TaskNames {

  private TaskNames() {}

  static String of(RunContext run, GraphNode node) {
    if (!(node instanceof TaskNode t)) {
      return GatherFactsNode.TASK_NAME;
    }
    Task task = t.task();
    String name = task.displayName();
    if (task.name() == null || task.noLog() || !VariableScope.hasTemplate(task.name())) {
      return name;
    }
    try {
      VariableScope scope = run.scope(node);
      TaskSecrets.registerSecretValues(node.play(), scope, run.redactor);
      if (!scope.unknownsIn(task.name(), false).isEmpty()) {
        return name;
      }
      Object rendered = run.templates.render(task.name(), scope.varsFor(task.name(), false));
      if (rendered == null) {
        return name;
      }
      return task.role() == null ? String.valueOf(rendered) : task.role().qualify(String.valueOf(rendered));
    } catch (TemplateException | RuntimeException e) {
      return name; // an undefined variable in a name is no error, as in Ansible
    }
  }
}
