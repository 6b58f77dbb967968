package dev.provision.run;

import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import dev.provision.playbook.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ansible_failed_task} and {@code ansible_failed_result}, which Ansible sets on a host when a
 * block's rescue takes over a failed task: the task (its name and module, and its arguments unless
 * it has {@code no_log}) and the result it registered.
 */
final class FailedTask {

  private FailedTask() {}

  static void remember(HostState state, Task task, TaskResult result) {
    Map<String, Object> failed = new LinkedHashMap<>();
    failed.put("name", task.name() == null ? "" : task.name());
    failed.put("action", task.module());
    if (!task.noLog() && task.args() != null) {
      failed.put("args", task.args() instanceof String s ? Map.of("_raw_params", s) : task.args());
    }
    Map<String, Object> registered = new LinkedHashMap<>(result.data());
    registered.put("failed", true);
    registered.put("changed", result.status() == Status.CHANGED);
    registered.putIfAbsent("msg", result.message());
    state.setRuntime("ansible_failed_task", failed);
    state.setRuntime("ansible_failed_result", registered);
  }
}
