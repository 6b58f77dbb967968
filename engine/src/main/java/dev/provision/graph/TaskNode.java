package dev.provision.graph;

import dev.provision.playbook.Play;
import dev.provision.playbook.Task;
import java.util.Objects;

/** One task of one play on one host: the unit the walker runs. */
public record TaskNode(int playIndex, Play play, int taskIndex, Task task, String host) implements GraphNode {

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
}
