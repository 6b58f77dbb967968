package dev.provision.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the task graph for {@code provision graph --format dot|mermaid}: one cluster per play,
 * barriers as diamonds, arrows in execution order (dependency to dependent).
 */
public final class GraphRenderer {

  public enum Format {
    DOT,
    MERMAID
  }

  public String render(TaskGraph graph, Format format) {
    return format == Format.DOT ? dot(graph) : mermaid(graph);
  }

  private String dot(TaskGraph graph) {
    Map<GraphNode, String> ids = ids(graph);
    StringBuilder out = new StringBuilder("digraph provision {\n  rankdir=LR;\n  node [shape=box];\n");
    List<dev.provision.playbook.Play> plays = graph.playbook().plays();
    for (int p = 0; p < plays.size(); p++) {
      out.append("  subgraph cluster_").append(p).append(" {\n    label=").append(dotString(plays.get(p).name()))
          .append(";\n");
      for (GraphNode n : graph.graph().vertices()) {
        if (n.playIndex() == p) {
          out.append("    ").append(ids.get(n)).append(" [label=").append(dotString(label(n)))
              .append(n instanceof PlayBarrier ? ", shape=diamond" : "").append("];\n");
        }
      }
      out.append("  }\n");
    }
    for (GraphNode n : graph.graph().vertices()) {
      for (GraphNode dep : graph.graph().dependencies(n)) {
        out.append("  ").append(ids.get(dep)).append(" -> ").append(ids.get(n)).append(";\n");
      }
    }
    return out.append("}\n").toString();
  }

  private String mermaid(TaskGraph graph) {
    Map<GraphNode, String> ids = ids(graph);
    StringBuilder out = new StringBuilder("flowchart LR\n");
    List<dev.provision.playbook.Play> plays = graph.playbook().plays();
    for (int p = 0; p < plays.size(); p++) {
      out.append("  subgraph play").append(p).append(" [").append(mermaidString(plays.get(p).name())).append("]\n");
      for (GraphNode n : graph.graph().vertices()) {
        if (n.playIndex() == p) {
          String text = mermaidString(label(n));
          out.append("    ").append(ids.get(n))
              .append(n instanceof PlayBarrier ? "{" + text + "}" : "[" + text + "]").append('\n');
        }
      }
      out.append("  end\n");
    }
    for (GraphNode n : graph.graph().vertices()) {
      for (GraphNode dep : graph.graph().dependencies(n)) {
        out.append("  ").append(ids.get(dep)).append(" --> ").append(ids.get(n)).append('\n');
      }
    }
    return out.toString();
  }

  private static Map<GraphNode, String> ids(TaskGraph graph) {
    Map<GraphNode, String> ids = new HashMap<>();
    for (GraphNode n : graph.graph().vertices()) {
      ids.put(n, "n" + ids.size());
    }
    return ids;
  }

  private static String label(GraphNode n) {
    if (n instanceof TaskNode t) {
      return t.task().displayName() + "\n" + t.host();
    }
    if (n instanceof GatherFactsNode g) {
      return GatherFactsNode.TASK_NAME + "\n" + g.host();
    }
    return "end of " + n.play().name();
  }

  private static String dotString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** Mermaid labels in double quotes; quotes become #quot; and newlines <br/>. */
  private static String mermaidString(String s) {
    return "\"" + s.replace("\"", "#quot;").replace("\n", "<br/>") + "\"";
  }
}
