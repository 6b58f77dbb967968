package dev.provision.run;

import dev.provision.event.TaskResult;
import dev.provision.graph.GraphNode;
import dev.provision.module.Fingerprint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects, while a plan runs, what {@code --plan --out} saves: each node's result and the
 * fingerprints of what it read. Results are redacted when {@link #nodes} is asked, with every secret
 * the run came to know (some are learnt only after the node that shows them).
 */
public final class PlanRecorder {

  private final Map<GraphNode, List<PlannedNode.Read>> reads = new LinkedHashMap<>();
  private final Map<GraphNode, PlannedNode> finished = new LinkedHashMap<>();
  private final Map<GraphNode, List<String>> hidden = new LinkedHashMap<>();
  private volatile Redactor redactor = new Redactor();

  synchronized void read(GraphNode node, String key, String subject, String fingerprint, boolean checked) {
    List<PlannedNode.Read> seen = reads.computeIfAbsent(node, n -> new ArrayList<>());
    if (seen.stream().noneMatch(r -> r.key().equals(key))) { // the first read is what the node planned on
      seen.add(new PlannedNode.Read(key, subject, fingerprint, checked));
    }
  }

  /** A no_log task's actions before they were hidden: the plan keeps their fingerprints, to compare. */
  synchronized void hidden(GraphNode node, List<String> actions) {
    hidden.put(node, List.copyOf(actions));
  }

  synchronized void finished(GraphNode node, String name, TaskResult result) {
    finished.put(node, new PlannedNode(PlannedNode.idOf(node), node.play().name(), name, node.host(), result,
        reads.getOrDefault(node, List.of()), List.of(), node.diffKeyword()));
  }

  void redactWith(Redactor redactor) {
    this.redactor = redactor;
  }

  /** A key that holds a secret (a URL with a token) is kept as its fingerprint, which the apply matches too. */
  private String keyOf(String key) {
    return redactor.redact(key).equals(key) ? key : Fingerprint.of(key);
  }

  /** Every node of the plan in the order it finished, redacted; results keep no registered data. */
  public synchronized List<PlannedNode> nodes() {
    RedactingEventSink redacting = new RedactingEventSink(e -> { }, redactor);
    List<PlannedNode> out = new ArrayList<>();
    for (Map.Entry<GraphNode, PlannedNode> e : finished.entrySet()) {
      PlannedNode n = e.getValue();
      TaskResult r = redacting.redact(n.result());
      TaskResult kept = new TaskResult(r.status(), r.message(), r.diffs(), r.actions(), Map.of(), r.elapsed());
      List<PlannedNode.Read> reads = n.reads().stream()
          .map(x -> new PlannedNode.Read(keyOf(x.key()), redactor.redact(x.subject()),
              x.fingerprint(), x.checked()))
          .toList();
      List<String> hiddenActions = hidden.getOrDefault(e.getKey(), List.of()).stream()
          .map(a -> Fingerprint.of(redactor.redact(a))).toList();
      out.add(new PlannedNode(n.id(), n.play(), redactor.redact(n.task()), n.host(), kept, reads, hiddenActions,
          n.diff()));
    }
    return out;
  }
}
