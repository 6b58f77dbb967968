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
    PATCHED("patch", "patched"),
    REPLACED("replace", "replaced"),
    UNCHANGED(null, "unchanged"),
    DELETED("delete", "deleted"),
    /** Deleted earlier and still there (finalizers): the plan waits for it to go. */
    DELETING("wait for the deletion of", "being deleted"),
    /** Deleted earlier and still there, and the task does not wait. */
    BEING_DELETED(null, "being deleted"),
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
   * The task's message: the changed objects (up to five, then a count) and how many are unchanged,
   * "create Namespace kubevirt; create KubeVirt kubevirt/kubevirt; 3 objects unchanged".
   */
  public static String summary(List<ObjectChange> changes) {
    List<String> changed = new ArrayList<>();
    int same = 0;
    for (ObjectChange c : changes) {
      if (c.outcome().changes()) {
        changed.add(changed.size() < 5 ? c.outcome().verb() + " " + c.ref().describe() + (c.note() == null ? "" : " (" + c.note() + ")")
            : null);
      } else {
        same++;
      }
    }
    String unchanged = same + (same == 1 ? " object " : " objects ")
        + (changes.stream().allMatch(c -> c.outcome() == Outcome.ABSENT) && same > 0 ? "absent" : "unchanged");
    if (changed.isEmpty()) {
      return unchanged;
    }
    List<String> shown = changed.stream().filter(s -> s != null).toList();
    String more = changed.size() > shown.size() ? " (+" + (changed.size() - shown.size()) + " more)" : "";
    return String.join("; ", shown) + more + (same > 0 ? "; " + unchanged : "");
  }
}
