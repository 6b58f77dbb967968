package dev.provision.graph;

import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.playbook.Playbook;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The (task, host) graph of a playbook over an inventory, plus what the transformers decided on the
 * way (the hosts of each play). Filled by {@link GraphTransformer}s, then read by the walker.
 */
public final class TaskGraph {

  private final Playbook playbook;
  private final Inventory inventory;
  private final Graph<GraphNode> graph = new Graph<>();
  private final Map<Integer, List<Host>> playHosts = new TreeMap<>();
  private final Map<String, Host> implicitHosts = new java.util.LinkedHashMap<>();

  public TaskGraph(Playbook playbook, Inventory inventory) {
    this.playbook = playbook;
    this.inventory = inventory;
  }

  private final List<dev.provision.diag.Diagnostic> warnings = new java.util.ArrayList<>();

  /** What building the graph found worth a warning (a play's host pattern that matched nothing...). */
  public List<dev.provision.diag.Diagnostic> warnings() {
    return List.copyOf(warnings);
  }

  void warn(dev.provision.diag.Diagnostic warning) {
    warnings.add(warning);
  }

  public Playbook playbook() {
    return playbook;
  }

  public Inventory inventory() {
    return inventory;
  }

  public Graph<GraphNode> graph() {
    return graph;
  }

  /** The hosts a play runs on (after {@code --limit}), in inventory order; empty until selected. */
  public List<Host> hosts(int playIndex) {
    return playHosts.getOrDefault(playIndex, List.of());
  }

  public List<String> hostNames(int playIndex) {
    return hosts(playIndex).stream().map(Host::name).toList();
  }

  void selectHosts(int playIndex, List<Host> hosts) {
    playHosts.put(playIndex, List.copyOf(hosts));
    for (Host h : hosts) {
      if (!inventory.hosts().containsKey(h.name())) {
        implicitHosts.putIfAbsent(h.name(), h);
      }
    }
  }

  /**
   * Every host a node may run on: the inventory's, then hosts that only a pattern produced
   * (Ansible's implicit {@code localhost}).
   */
  public Map<String, Host> allHosts() {
    Map<String, Host> out = new java.util.LinkedHashMap<>(inventory.hosts());
    implicitHosts.forEach(out::putIfAbsent);
    return out;
  }

  /** The play's hosts in {@code serial} batches (one batch of all without {@code serial}). */
  public List<List<String>> batches(int playIndex) {
    return playbook.plays().get(playIndex).batching().batches(hostNames(playIndex));
  }

  /** The hosts of the batch {@code host} runs play {@code playIndex} in (Ansible's {@code ansible_play_batch}). */
  public List<String> batchOf(int playIndex, String host) {
    return batches(playIndex).stream().filter(b -> b.contains(host)).findFirst().orElse(List.of());
  }

  public PlayBarrier barrier(int playIndex) {
    return new PlayBarrier(playIndex, playbook.plays().get(playIndex));
  }

  /** Nodes that run on a host (tasks and fact gathering), in insertion order. */
  public List<GraphNode> hostNodes() {
    List<GraphNode> out = new ArrayList<>();
    for (GraphNode n : graph.vertices()) {
      if (n.host() != null) {
        out.add(n);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The nodes of one play on one host, in insertion (task) order. */
  public List<GraphNode> nodes(int playIndex, String host) {
    List<GraphNode> out = new ArrayList<>();
    for (GraphNode n : graph.vertices()) {
      if (n.playIndex() == playIndex && host.equals(n.host())) {
        out.add(n);
      }
    }
    return out;
  }

  /** Every host that runs at least one node, in inventory order (implicit hosts last). */
  public List<String> activeHosts() {
    java.util.Set<String> used = new java.util.HashSet<>();
    for (GraphNode n : graph.vertices()) {
      if (n.host() != null) {
        used.add(n.host());
      }
    }
    return allHosts().keySet().stream().filter(used::contains).toList();
  }
}
