package dev.provision.lab.sim;

import java.time.Duration;
import java.util.List;

/**
 * How the simulation looks: the fake nodes (the first plays the control-plane node), the nodes VMs are put on,
 * how often nodes heartbeat, and how often everything is re-checked even without events.
 */
public record SimulationOptions(List<String> nodes, List<String> vmNodes, Duration heartbeat, Duration resync) {

  public SimulationOptions {
    nodes = List.copyOf(nodes);
    vmNodes = List.copyOf(vmNodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("the simulation needs at least one node");
    }
    if (!nodes.containsAll(vmNodes)) {
      throw new IllegalArgumentException("VM nodes " + vmNodes + " must be among the nodes " + nodes);
    }
  }

  /** The guide's cluster: controller.home.local, worker01.home.local and worker02.home.local; VMs on workers. */
  public static SimulationOptions homeLab() {
    return of(List.of("controller.home.local", "worker01.home.local", "worker02.home.local"));
  }

  /** These nodes; VMs on all but the first when there are several. */
  public static SimulationOptions of(List<String> nodes) {
    List<String> vmNodes = nodes.size() > 1 ? nodes.subList(1, nodes.size()) : nodes;
    return new SimulationOptions(nodes, vmNodes, Duration.ofSeconds(10), Duration.ofSeconds(5));
  }
}
