package dev.provision.run;

import dev.provision.graph.GraphNode;
import dev.provision.module.Fingerprint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A saved plan as {@code provision apply} holds the run to it: before a node acts, what it reads must
 * have the fingerprint the plan saw, and the actions it plans must be the plan's, in order (a node
 * that now needs fewer does less than was reviewed, which is allowed; one that needs other or more
 * is refused; a {@link PlannedNode#predicted predicted} node's may differ in their numbers). A refusal is the node's failure, worded "stale: ...", and its dependents are skipped
 * as after any failure. Nodes known after apply are planned at apply time and not compared.
 */
public final class PlanCheck {

  private final Map<String, PlannedNode> nodes = new HashMap<>();
  private final boolean everyRead;
  /** Per node, how many of its planned actions the apply's calls have matched so far (loops call per item). */
  private final Map<String, Integer> matched = new ConcurrentHashMap<>();
  /** Nodes whose read after a pending change saw something else at apply: an earlier task's change did it. */
  private final java.util.Set<String> drifted = ConcurrentHashMap.newKeySet();
  /** Per node, the actions its last call matched: a retry ({@code until}) plans them again. */
  private final Map<String, List<String>> lastMatched = new ConcurrentHashMap<>();

  /**
   * {@code everyRead}: compare the reads made after a pending change too, which is right only when
   * the run is itself a plan (the re-plan of {@code --refuse-stale=all}, where the same reads follow
   * the same pending changes).
   */
  public PlanCheck(List<PlannedNode> plan, boolean everyRead) {
    plan.forEach(n -> nodes.put(n.id(), n));
    this.everyRead = everyRead;
  }

  /** Why {@code node}'s read of {@code key} refuses it, or null when it saw what the plan saw. */
  String read(GraphNode node, String key, String subject, String fingerprint) {
    PlannedNode planned = nodes.get(PlannedNode.idOf(node));
    if (planned == null || planned.knownAfterApply()) {
      return null;
    }
    String hidden = Fingerprint.of(key);
    for (PlannedNode.Read r : planned.reads()) {
      if ((r.key().equals(key) || r.key().equals(hidden)) && !r.checked() && !everyRead
          && !r.fingerprint().equals(fingerprint)) {
        drifted.add(planned.id());
      } else if ((r.key().equals(key) || r.key().equals(hidden)) && !r.fingerprint().equals(fingerprint)) {
        return "stale: " + r.subject() + " changed since the plan (sha256 " + Fingerprint.brief(r.fingerprint()) + " → "
            + Fingerprint.brief(fingerprint) + ")";
      }
    }
    return null;
  }

  private static List<String> numbersLeftOut(List<String> actions) {
    return actions.stream().map(a -> a.replaceAll("[0-9]+", "#")).toList();
  }

  /** Why the actions one call of {@code node} would now run refuse it, or null when the plan had them. */
  String actions(GraphNode node, List<String> described) {
    String id = PlannedNode.idOf(node);
    PlannedNode planned = nodes.get(id);
    if (planned != null && planned.knownAfterApply() || described.isEmpty()) {
      return null;
    }
    List<String> expected = planned == null ? List.of() : planned.comparedActions();
    if (planned != null && !planned.hiddenActions().isEmpty()) {
      described = described.stream().map(Fingerprint::of).toList();
    }
    int from = matched.getOrDefault(id, 0);
    int to = from + described.size();
    // a predicted node's actions are the plan's with other sizes and counts; a re-plan predicts the same
    boolean loose = drifted.contains(id);
    if (to <= expected.size() && (loose ? numbersLeftOut(expected.subList(from, to)).equals(numbersLeftOut(described))
        : expected.subList(from, to).equals(described))) {
      matched.put(id, to);
      lastMatched.put(id, described);
      return null;
    }
    if (described.equals(lastMatched.get(id))) {
      return null; // the same call again: a retry of the planned actions
    }
    if (planned != null && !planned.hiddenActions().isEmpty()) {
      return "stale: the task's actions (hidden by no_log) are not those of the plan";
    }
    String had = from >= expected.size() ? "nothing (more) to do" : String.join("; ", expected.subList(from, Math.min(to, expected.size())));
    return "stale: the task would now " + String.join("; ", described) + ", and the plan had " + had;
  }
}
