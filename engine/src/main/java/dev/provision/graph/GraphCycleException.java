package dev.provision.graph;

import java.util.List;

/** The graph has a cycle; {@link #cycle()} names its vertices, first and last being the same. */
public final class GraphCycleException extends Exception {

  private final List<String> cycle;

  public GraphCycleException(List<String> cycle) {
    super("dependency cycle: " + String.join(" -> ", cycle));
    this.cycle = List.copyOf(cycle);
  }

  public List<String> cycle() {
    return cycle;
  }
}
