package dev.provision.modules.kube;

import dev.provision.module.Diff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a plan found for one object, and the diff that shows it. */
public record ObjectChange(ResourceRef ref, Outcome outcome, String note, Diff diff) {

  /** Per object: created, configured, unchanged, deleted or absent. */
  public enum Outcome {
    CREATED("create", "created"),
    CONFIGURED("configure", "configured"),
    UNCHANGED(null, "unchanged"),
    DELETED("delete", "deleted"),
    ABSENT(null, "absent");

    private final String verb;
    private final String past;

    Outcome(String verb, String past) {
      this.verb = verb;
      this.past = past;
    }

    public boolean changes() {
      return verb != null;
    }

    public String past() {
      return past;
    }

    public String verb() {
      return verb;
    }
  }

  /** "Deployment kubevirt/virt-operator created (CRD not yet installed)". */
  public String describe() {
    return ref.describe() + " " + outcome.past() + (note == null ? "" : " (" + note + ")");
  }

  /** For {@code register}: kind, name, namespace, apiVersion, result. */
  public Map<String, Object> asResult() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", ref.apiVersion());
    out.put("kind", ref.kind());
    out.put("name", ref.name());
    if (ref.namespace() != null) {
      out.put("namespace", ref.namespace());
    }
    out.put("result", outcome.past());
    if (note != null) {
      out.put("note", note);
    }
    return out;
  }

  /**
   * The task's message, in the imperative (the engine adds "would" to a change it does not make):
   * up to {@value #FEW} changed objects on the summary line, with how many are unchanged,
   * "create Namespace kubevirt; create KubeVirt kubevirt/kubevirt; 3 objects unchanged"; more than
   * that, the counts per verb on the summary line ("create 7 objects, configure 1 object") and
   * every changed object on a line of its own below it.
   */
  public static String summary(List<ObjectChange> changes) {
    List<String> changed = new ArrayList<>();
    Map<String, Integer> verbs = new LinkedHashMap<>();
    int same = 0;
    for (ObjectChange c : changes) {
      if (c.outcome().changes()) {
        String verb = c.outcome().verb();
        changed.add(verb + " " + c.ref().describe() + (c.note() == null ? "" : " (" + c.note() + ")"));
        verbs.merge(verb, 1, Integer::sum);
      } else {
        same++;
      }
    }
    String unchanged = same + (same == 1 ? " object " : " objects ")
        + (changes.stream().allMatch(c -> c.outcome() == Outcome.ABSENT) && same > 0 ? "absent" : "unchanged");
    if (changed.isEmpty()) {
      return unchanged;
    }
    if (changed.size() <= FEW) {
      return String.join("; ", changed) + (same > 0 ? "; " + unchanged : "");
    }
    // many objects: the counts on the first line (the summary), then every object on a line of its own
    List<String> counts = new ArrayList<>();
    verbs.forEach((verb, n) -> counts.add(verb + " " + n + (n == 1 ? " object" : " objects")));
    return String.join(", ", counts) + (same > 0 ? "; " + unchanged : "") + "\n" + String.join("\n", changed);
  }

  /** Up to this many changed objects are named on the summary line itself. */
  private static final int FEW = 3;
}
