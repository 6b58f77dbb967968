package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves each play's {@code needs}: the explicit list, or the play before it when the key is
 * absent. Reports names of unknown plays (with did-you-mean) and every cycle, naming its plays.
 */
final class NeedsGraph {

  /** One play's {@code needs} as written: null {@code names} means the key is absent. */
  record Written(String play, List<String> names, List<SourceSpan> spans, SourceSpan keySpan) {}

  private NeedsGraph() {}

  static Map<String, List<String>> resolve(List<Written> plays, Diagnostics out) {
    Set<String> known = new LinkedHashSet<>();
    plays.forEach(p -> known.add(p.play()));
    Map<String, List<String>> needs = new LinkedHashMap<>();
    String previous = null;
    for (Written p : plays) {
      List<String> resolved = new ArrayList<>();
      if (p.names() == null) {
        if (previous != null) {
          resolved.add(previous);
        }
      } else {
        for (int i = 0; i < p.names().size(); i++) {
          String name = p.names().get(i);
          if (!known.contains(name)) {
            String hint = Suggestions.didYouMean(name, known);
            out.error(p.spans().get(i), "`needs` names an unknown play `" + name + "`",
                hint != null ? hint : "plays in this file: " + String.join(", ", known));
          } else if (!resolved.contains(name)) {
            resolved.add(name);
          }
        }
      }
      needs.putIfAbsent(p.play(), resolved);
      previous = p.play();
    }
    reportCycles(plays, needs, out);
    return needs;
  }

  /** Each strongly connected group of plays (Tarjan) is one cycle error, at its first play's needs. */
  private static void reportCycles(List<Written> plays, Map<String, List<String>> needs, Diagnostics out) {
    Map<String, Written> byName = new LinkedHashMap<>();
    plays.forEach(p -> byName.putIfAbsent(p.play(), p));
    for (List<String> group : new Tarjan(needs).components()) {
      String first = group.get(0);
      boolean selfLoop = needs.getOrDefault(first, List.of()).contains(first);
      if (group.size() == 1 && !selfLoop) {
        continue;
      }
      List<String> cycle = cycleFrom(first, new LinkedHashSet<>(group), needs);
      Written w = byName.get(first);
      SourceSpan where = w.keySpan();
      String path = String.join("` -> `", cycle);
      boolean implicit = cycle.stream().anyMatch(n -> byName.get(n).names() == null);
      out.error(where, selfLoop && group.size() == 1 ? "play `" + first + "` needs itself"
          : "`needs` form a cycle: `" + path + "`",
          implicit ? "a play without `needs` needs the play before it; give it `needs: []` or break the cycle"
              : "a play can only need plays that do not need it back; remove one of these needs");
    }
  }

  /**
   * A concrete cycle through {@code start} inside its component, as play names ending at start.
   * Depth-first with an explicit stack: a chain of thousands of plays must not overflow the Java
   * stack.
   */
  private static List<String> cycleFrom(String start, Set<String> group, Map<String, List<String>> needs) {
    List<String> path = new ArrayList<>();
    List<Integer> nextEdge = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    path.add(start);
    nextEdge.add(0);
    while (!path.isEmpty()) {
      int top = path.size() - 1;
      List<String> out = needs.getOrDefault(path.get(top), List.of());
      int i = nextEdge.get(top);
      if (i >= out.size()) {
        path.remove(top);
        nextEdge.remove(top);
        continue;
      }
      nextEdge.set(top, i + 1);
      String next = out.get(i);
      if (!group.contains(next)) {
        continue;
      }
      if (next.equals(start)) {
        path.add(start);
        return path;
      }
      if (seen.add(next)) {
        path.add(next);
        nextEdge.add(0);
      }
    }
    return List.of(start, start);
  }

  /**
   * Tarjan's strongly connected components, iterative (an explicit stack of frames instead of
   * recursion, so that a 5,000-play chain or cycle is fine); members keep file order.
   */
  private static final class Tarjan {
    private final Map<String, List<String>> edges;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final List<String> stack = new ArrayList<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<List<String>> components = new ArrayList<>();
    private final Map<String, Integer> position = new HashMap<>();

    /** One vertex being visited: the vertex and the index of its next edge to follow. */
    private static final class Frame {
      final String vertex;
      int nextEdge;

      Frame(String vertex) {
        this.vertex = vertex;
      }
    }

    Tarjan(Map<String, List<String>> edges) {
      this.edges = edges;
      for (String v : edges.keySet()) {
        position.putIfAbsent(v, position.size());
      }
    }

    List<List<String>> components() {
      for (String v : edges.keySet()) {
        if (!index.containsKey(v)) {
          connect(v);
        }
      }
      Comparator<String> inFileOrder = Comparator.comparingInt(v -> position.getOrDefault(v, Integer.MAX_VALUE));
      for (List<String> c : components) {
        c.sort(inFileOrder);
      }
      components.sort(Comparator.comparing(c -> c.get(0), inFileOrder));
      return components;
    }

    private void connect(String root) {
      Deque<Frame> frames = new ArrayDeque<>();
      enter(root, frames);
      while (!frames.isEmpty()) {
        Frame f = frames.peek();
        List<String> out = edges.getOrDefault(f.vertex, List.of());
        if (f.nextEdge < out.size()) {
          String w = out.get(f.nextEdge++);
          if (!index.containsKey(w)) {
            enter(w, frames);
          } else if (onStack.contains(w)) {
            low.put(f.vertex, Math.min(low.get(f.vertex), index.get(w)));
          }
          continue;
        }
        frames.pop();
        if (!frames.isEmpty()) {
          String parent = frames.peek().vertex;
          low.put(parent, Math.min(low.get(parent), low.get(f.vertex)));
        }
        if (low.get(f.vertex).equals(index.get(f.vertex))) {
          List<String> component = new ArrayList<>();
          String w;
          do {
            w = stack.remove(stack.size() - 1);
            onStack.remove(w);
            component.add(w);
          } while (!w.equals(f.vertex));
          components.add(component);
        }
      }
    }

    private void enter(String v, Deque<Frame> frames) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.add(v);
      onStack.add(v);
      frames.push(new Frame(v));
    }
  }
}
