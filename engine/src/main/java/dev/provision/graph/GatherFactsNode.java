package dev.provision.graph;

import dev.provision.playbook.Play;
import java.util.Objects;

/** Gathers a host's facts before the first task of a play with {@code gather_facts}. */
public record GatherFactsNode(int playIndex, Play play, String host) implements GraphNode {

  public static final String TASK_NAME = "Gathering Facts";

  /** The module Ansible names for fact gathering, reported as the node's module. */
  public static final String MODULE = "setup";

  @Override
  public String name() {
    return play.name() + ": " + TASK_NAME + " @ " + host;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatherFactsNode g && g.playIndex == playIndex && g.host.equals(host);
  }

  @Override
  public int hashCode() {
    return Objects.hash(playIndex, host, TASK_NAME);
  }

  @Override
  public String toString() {
    return name();
  }
}
