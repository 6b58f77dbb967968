package dev.provision.run;

import dev.provision.event.TaskResult;
import dev.provision.graph.TaskNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the host that ran a {@code run_once} task got, for the play's other hosts, as Ansible shares
 * it: the result (a failure fails them too) and the variables it set (its {@code register}, its
 * facts). The graph makes each host's node of the task wait for the previous host's, so the first host
 * that runs the task records here before any other looks.
 */
final class RunOnceResults {

  /** The leader's result, the variables its task set on it, and the host facts it learned (getent, setup). */
  record Shared(String host, TaskResult result, Map<String, Object> set, Map<String, Object> learned) {}

  private final Map<String, Shared> byTask = new ConcurrentHashMap<>();
  private final dev.provision.graph.TaskGraph graph;

  RunOnceResults(dev.provision.graph.TaskGraph graph) {
    this.graph = graph;
  }

  /** What the task's run on another host gave, or null when no host has run it yet. */
  Shared of(TaskNode node) {
    return byTask.get(key(node));
  }

  void record(TaskNode node, Shared shared) {
    byTask.putIfAbsent(key(node), shared);
  }

  /** Per task and {@code serial} batch: each batch runs a run_once task once, as in Ansible. */
  private String key(TaskNode node) {
    return node.playIndex() + "/" + node.taskIndex() + "/" + graph.batchOf(node.playIndex(), node.host()).get(0);
  }
}
