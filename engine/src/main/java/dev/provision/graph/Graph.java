package dev.provision.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A directed graph whose edges point from a dependent vertex to its dependency (Terraform's
 * convention): {@code connect(b, a)} means "b runs after a". Vertices keep insertion order, so
 * every traversal is deterministic. Not thread-safe: built once, then only read.
 */
public final class Graph<V> {

  private final Map<V, Set<V>> dependencies = new LinkedHashMap<>();
  private final Map<V, Set<V>> dependents = new LinkedHashMap<>();

  /** Adds a vertex; adding one twice is harmless. */
  public void add(V vertex) {
    dependencies.computeIfAbsent(vertex, v -> new LinkedHashSet<>());
    dependents.computeIfAbsent(vertex, v -> new LinkedHashSet<>());
  }

  /** {@code dependent} runs only after {@code dependency}. Both are added if missing. */
  public void connect(V dependent, V dependency) {
    add(dependent);
    add(dependency);
    dependencies.get(dependent).add(dependency);
    dependents.get(dependency).add(dependent);
  }

  /** Removes a vertex and its edges. */
  public void remove(V vertex) {
    for (V dep : dependencies.getOrDefault(vertex, Set.of())) {
      dependents.get(dep).remove(vertex);
    }
    for (V d : dependents.getOrDefault(vertex, Set.of())) {
      dependencies.get(d).remove(vertex);
    }
    dependencies.remove(vertex);
    dependents.remove(vertex);
  }

  public boolean contains(V vertex) {
    return dependencies.containsKey(vertex);
  }

  public Set<V> vertices() {
    return Collections.unmodifiableSet(dependencies.keySet());
  }

  public int size() {
    return dependencies.size();
  }

  /** What {@code vertex} waits for. */
  public Set<V> dependencies(V vertex) {
    return Collections.unmodifiableSet(dependencies.getOrDefault(vertex, Set.of()));
  }

  /** What waits for {@code vertex}. */
  public Set<V> dependents(V vertex) {
    return Collections.unmodifiableSet(dependents.getOrDefault(vertex, Set.of()));
  }

  public int edgeCount() {
    return dependencies.values().stream().mapToInt(Set::size).sum();
  }

  /**
   * Dependencies first (Kahn's algorithm); among vertices that are ready together, insertion order
   * wins, so the order is stable from run to run.
   */
  public List<V> topologicalOrder(Function<V, String> names) throws GraphCycleException {
    Map<V, Integer> waiting = new HashMap<>();
    Deque<V> ready = new ArrayDeque<>();
    for (Map.Entry<V, Set<V>> e : dependencies.entrySet()) {
      waiting.put(e.getKey(), e.getValue().size());
      if (e.getValue().isEmpty()) {
        ready.add(e.getKey());
      }
    }
    List<V> order = new ArrayList<>(size());
    while (!ready.isEmpty()) {
      V v = ready.poll();
      order.add(v);
      for (V d : dependents.get(v)) {
        if (waiting.merge(d, -1, Integer::sum) == 0) {
          ready.add(d);
        }
      }
    }
    if (order.size() < size()) {
      throw new GraphCycleException(findCycle(names).orElseThrow().stream().map(names).toList());
    }
    return order;
  }

  /** One cycle, as a path that starts and ends with the same vertex, if there is any. */
  public java.util.Optional<List<V>> findCycle(Function<V, String> names) {
    Map<V, Integer> colour = new HashMap<>(); // absent: unvisited, 1: on the stack, 2: done
    for (V start : dependencies.keySet()) {
      if (colour.containsKey(start)) {
        continue;
      }
      Deque<V> path = new ArrayDeque<>();
      List<V> cycle = visit(start, colour, path);
      if (cycle != null) {
        return java.util.Optional.of(cycle);
      }
    }
    return java.util.Optional.empty();
  }

  /** Depth-first from {@code start} with an explicit stack, so that chains of thousands of plays are fine. */
  private List<V> visit(V start, Map<V, Integer> colour, Deque<V> path) {
    Deque<java.util.Iterator<V>> next = new ArrayDeque<>();
    colour.put(start, 1);
    path.addLast(start);
    next.push(dependencies.get(start).iterator());
    while (!next.isEmpty()) {
      java.util.Iterator<V> deps = next.peek();
      if (!deps.hasNext()) {
        next.pop();
        colour.put(path.removeLast(), 2);
        continue;
      }
      V dep = deps.next();
      Integer c = colour.get(dep);
      if (c == null) {
        colour.put(dep, 1);
        path.addLast(dep);
        next.push(dependencies.get(dep).iterator());
      } else if (c == 1) {
        List<V> onStack = new ArrayList<>(path);
        List<V> cycle = new ArrayList<>(onStack.subList(onStack.indexOf(dep), onStack.size()));
        cycle.add(dep);
        return cycle;
      }
    }
    return null;
  }
}
