package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import java.util.ArrayList;
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

  /** A concrete cycle through {@code start} inside its component, as play names ending at start. */
  private static List<String> cycleFrom(String start, Set<String> group, Map<String, List<String>> needs) {
    List<String> path = new ArrayList<>();
    path.add(start);
    Set<String> seen = new LinkedHashSet<>();
    if (walk(start, start, group, needs, path, seen)) {
      return path;
    }
    path.add(start);
    return path;
  }

  private static boolean walk(String at, String start, Set<String> group, Map<String, List<String>> needs,
      List<String> path, Set<String> seen) {
    for (String next : needs.getOrDefault(at, List.of())) {
      if (!group.contains(next)) {
        continue;
      }
      if (next.equals(start)) {
        path.add(start);
        return true;
      }
      if (seen.add(next)) {
        path.add(next);
        if (walk(next, start, group, needs, path, seen)) {
          return true;
        }
        path.remove(path.size() - 1);
      }
    }
    return false;
  }

  /** Tarjan's strongly connected components; members keep file order. */
  private static final class Tarjan {
    private final Map<String, List<String>> edges;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final Map<String, Integer> low = new LinkedHashMap<>();
    private final List<String> stack = new ArrayList<>();
    private final Set<String> onStack = new LinkedHashSet<>();
    private final List<List<String>> components = new ArrayList<>();
    private final List<String> order;

    Tarjan(Map<String, List<String>> edges) {
      this.edges = edges;
      this.order = new ArrayList<>(edges.keySet());
    }

    List<List<String>> components() {
      for (String v : order) {
        if (!index.containsKey(v)) {
          connect(v);
        }
      }
      for (List<String> c : components) {
        c.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
      }
      components.sort((a, b) -> Integer.compare(order.indexOf(a.get(0)), order.indexOf(b.get(0))));
      return components;
    }

    private void connect(String v) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.add(v);
      onStack.add(v);
      for (String w : edges.getOrDefault(v, List.of())) {
        if (!index.containsKey(w)) {
          connect(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        List<String> component = new ArrayList<>();
        String w;
        do {
          w = stack.remove(stack.size() - 1);
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        components.add(component);
      }
    }
  }
}
