package dev.provision.graph;

import dev.provision.playbook.Play;
import dev.provision.playbook.Task;
import java.util.Objects;

/**
 * One task of one play on one host: the unit the walker runs. Handlers follow the play's tasks:
 * their {@code taskIndex} counts on after the last task.
 */
public record TaskNode(int playIndex, Play play, int taskIndex, Task task, String host) implements GraphNode {

  /** Whether this is one of the play's handlers, which runs only when notified on its host. */
  public boolean handler() {
    return task.handler();
  }

  @Override
  public String name() {
    return play.name() + ": " + task.displayName() + " @ " + host;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaskNode t && t.playIndex == playIndex && t.taskIndex == taskIndex && t.host.equals(host);
  }

  @Override
  public int hashCode() {
    return Objects.hash(playIndex, taskIndex, host);
  }

  @Override
  public String toString() {
    return name();
  }

  @Override
  public Boolean diffKeyword() {
    return task.diff();
  }
}
