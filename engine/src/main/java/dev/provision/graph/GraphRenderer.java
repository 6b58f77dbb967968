package dev.provision.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws the task graph for {@code provision graph}, in one of three views, as Graphviz dot or
 * Mermaid:
 *
 * <ul>
 *   <li>{@link View#NODES}: every (task, host) node, one box per play, barriers as diamonds;
 *   <li>{@link View#PLAYS}: the playbook's shape, one node per task whatever the number of hosts,
 *       labelled with the hosts it runs on;
 *   <li>{@link View#HOSTS}: one box per host with what it runs, in order.
 * </ul>
 *
 * <p>Arrows go from dependency to dependent. Boxes are laid out as columns that wrap: tasks run
 * downwards inside a box, and at most {@code columns} boxes stand side by side before the next row
 * starts, so a long or wide playbook stays a readable grid instead of a strip.
 */
public final class GraphRenderer {

  public enum Format {
    DOT,
    MERMAID
  }

  public enum View {
    NODES,
    PLAYS,
    HOSTS
  }

  public static final int DEFAULT_COLUMNS = 4;

  /** A node of the drawing; {@code group} is the index of the box (play or host) it is drawn in. */
  private record Shape(String id, String label, boolean diamond, int group) {}

  private record Edge(String from, String to) {}

  /** What is drawn: boxes (groups) of shapes, and the arrows between shapes. */
  private record Drawing(List<String> groups, List<Shape> shapes, Set<Edge> edges) {}

  public String render(TaskGraph graph, Format format) {
    return render(graph, format, View.NODES, DEFAULT_COLUMNS);
  }

  public String render(TaskGraph graph, Format format, View view, int columns) {
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be at least 1");
    }
    Drawing drawing = project(graph, view);
    return format == Format.DOT ? dot(drawing, columns) : mermaid(drawing, view);
  }

  // --- projection: which graph nodes become which shapes

  private static Drawing project(TaskGraph graph, View view) {
    List<String> groups = new ArrayList<>();
    List<String> hosts = graph.activeHosts();
    if (view == View.HOSTS) {
      groups.addAll(hosts);
    } else {
      graph.playbook().plays().forEach(p -> groups.add(p.name()));
    }
    Map<Object, Shape> shapes = new LinkedHashMap<>();
    Map<GraphNode, Object> keys = new HashMap<>();
    Map<Object, List<String>> hostsOf = new LinkedHashMap<>();
    for (GraphNode n : graph.graph().vertices()) {
      Object key = key(n, view);
      if (key == null) {
        continue;
      }
      keys.put(n, key);
      int group = view == View.HOSTS ? hosts.indexOf(n.host()) : n.playIndex();
      shapes.computeIfAbsent(key, k -> new Shape("n" + shapes.size(), label(n, view), n instanceof PlayBarrier, group));
      if (n.host() != null) {
        hostsOf.computeIfAbsent(key, k -> new ArrayList<>()).add(n.host());
      }
    }
    if (view == View.PLAYS) {
      shapes.replaceAll((k, s) -> s.diamond() ? s
          : new Shape(s.id(), s.label() + "\n" + hostList(hostsOf.getOrDefault(k, List.of())), false, s.group()));
    }
    Set<Edge> edges = new LinkedHashSet<>();
    Map<GraphNode, Set<Object>> bridged = new HashMap<>();
    for (GraphNode n : graph.graph().vertices()) {
      Object to = keys.get(n);
      if (to == null) {
        continue;
      }
      for (Object from : drawnDependencies(graph, n, keys, bridged)) {
        if (from.equals(to) || view == View.HOSTS && shapes.get(from).group() != shapes.get(to).group()) {
          continue; // a host's own order; the plays' barriers between hosts are not drawn in this view
        }
        edges.add(new Edge(shapes.get(from).id(), shapes.get(to).id()));
      }
    }
    return new Drawing(groups, List.copyOf(shapes.values()), edges);
  }

  private static Object key(GraphNode n, View view) {
    return switch (view) {
      case NODES -> n;
      case HOSTS -> n instanceof PlayBarrier ? null : n;
      case PLAYS -> n instanceof TaskNode t ? List.of(t.playIndex(), t.taskIndex())
          : n instanceof GatherFactsNode g ? List.of(g.playIndex(), -1) : n;
    };
  }

  /** The drawn dependencies of a node: through nodes that are not drawn (barriers in the hosts view). */
  private static Set<Object> drawnDependencies(TaskGraph graph, GraphNode n, Map<GraphNode, Object> keys,
      Map<GraphNode, Set<Object>> memo) {
    Set<Object> out = new LinkedHashSet<>();
    for (GraphNode d : graph.graph().dependencies(n)) {
      Object key = keys.get(d);
      if (key != null) {
        out.add(key);
      } else {
        Set<Object> through = memo.get(d);
        if (through == null) {
          through = drawnDependencies(graph, d, keys, memo);
          memo.put(d, through);
        }
        out.addAll(through);
      }
    }
    return out;
  }

  private static String label(GraphNode n, View view) {
    String task = n instanceof TaskNode t ? t.task().displayName()
        : n instanceof GatherFactsNode ? GatherFactsNode.TASK_NAME : "end of " + n.play().name();
    return switch (view) {
      case NODES -> n.host() == null ? task : task + "\n" + n.host();
      case PLAYS -> task;
      case HOSTS -> n.play().name() + " › " + task;
    };
  }

  /** "on a, b, c" or, for many, "on a, b and 8 more". */
  private static String hostList(List<String> hosts) {
    if (hosts.size() <= 3) {
      return "on " + String.join(", ", hosts);
    }
    return "on " + hosts.get(0) + ", " + hosts.get(1) + " and " + (hosts.size() - 2) + " more";
  }

  // --- output formats

  private static String dot(Drawing d, int columns) {
    StringBuilder out = new StringBuilder("digraph provision {\n  rankdir=TB;\n  newrank=true;\n"
        + "  node [shape=box, fontsize=10];\n");
    Map<String, Shape> byId = new HashMap<>();
    d.shapes().forEach(s -> byId.put(s.id(), s));
    for (int g = 0; g < d.groups().size(); g++) {
      List<Shape> members = members(d, g);
      if (members.isEmpty()) {
        continue;
      }
      out.append("  subgraph cluster_").append(g).append(" {\n    label=").append(dotString(d.groups().get(g)))
          .append(";\n");
      for (Shape s : members) {
        out.append("    ").append(s.id()).append(" [label=").append(dotString(s.label()))
            .append(s.diamond() ? ", shape=diamond" : "").append("];\n");
      }
      out.append("  }\n");
    }
    for (Edge e : d.edges()) {
      boolean across = byId.get(e.from()).group() != byId.get(e.to()).group();
      // arrows between boxes do not rank them: boxes stand side by side, as columns
      out.append("  ").append(e.from()).append(" -> ").append(e.to()).append(across ? " [constraint=false]" : "")
          .append(";\n");
    }
    // wrap: each box goes below the one `columns` before it
    List<Integer> drawn = new ArrayList<>();
    for (int g = 0; g < d.groups().size(); g++) {
      if (!members(d, g).isEmpty()) {
        drawn.add(g);
      }
    }
    for (int i = columns; i < drawn.size(); i++) {
      String last = sink(d, drawn.get(i - columns));
      String first = members(d, drawn.get(i)).get(0).id();
      out.append("  ").append(last).append(" -> ").append(first).append(" [style=invis];\n");
    }
    return out.append("}\n").toString();
  }

  private static List<Shape> members(Drawing d, int group) {
    return d.shapes().stream().filter(s -> s.group() == group).toList();
  }

  /** A shape of the group with no arrow to another shape of the same group: the bottom of its column. */
  private static String sink(Drawing d, int group) {
    List<Shape> members = members(d, group);
    Set<String> ids = new LinkedHashSet<>();
    members.forEach(s -> ids.add(s.id()));
    Set<String> withSuccessor = new LinkedHashSet<>();
    for (Edge e : d.edges()) {
      if (ids.contains(e.from()) && ids.contains(e.to())) {
        withSuccessor.add(e.from());
      }
    }
    return members.stream().map(Shape::id).filter(id -> !withSuccessor.contains(id)).reduce((a, b) -> b)
        .orElse(members.get(members.size() - 1).id());
  }

  private static String mermaid(Drawing d, View view) {
    StringBuilder out = new StringBuilder("flowchart TB\n");
    for (int g = 0; g < d.groups().size(); g++) {
      List<Shape> members = members(d, g);
      if (members.isEmpty()) {
        continue;
      }
      out.append("  subgraph ").append(view == View.HOSTS ? "host" : "play").append(g).append(" [").append(mermaidString(d.groups().get(g))).append("]\n")
          .append("    direction TB\n");
      for (Shape s : members) {
        String text = mermaidString(s.label());
        out.append("    ").append(s.id()).append(s.diamond() ? "{" + text + "}" : "[" + text + "]").append('\n');
      }
      out.append("  end\n");
    }
    for (Edge e : d.edges()) {
      out.append("  ").append(e.from()).append(" --> ").append(e.to()).append('\n');
    }
    return out.toString();
  }

  private static String dotString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** Mermaid labels in double quotes; quotes become #quot; and newlines <br/>. */
  private static String mermaidString(String s) {
    return "\"" + s.replace("\"", "#quot;").replace("\n", "<br/>") + "\"";
  }
}
