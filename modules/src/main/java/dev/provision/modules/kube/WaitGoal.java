package dev.provision.modules.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What kube_wait waits for, judged over the objects currently seen (a pure function, so it is unit-tested):
 * at least {@code min} objects, every one of them passing {@code check}; or, when {@code absent}, none left.
 * Terminating objects and completed pods do not count: a rollout's leftovers must not block or satisfy a wait.
 */
public record WaitGoal(String kind, String what, ObjectCheck check, int min, boolean absent, boolean named) {

  private static final int NAMES_SHOWN = 4;

  /** "pods with app=x in kubevirt ready", "KubeVirt kubevirt/kubevirt .status.phase = Deployed". */
  public String describe() {
    return absent ? what + " gone" : what + " " + check.adjective();
  }

  public Observation judge(List<Map<String, Object>> objects) {
    List<Map<String, Object>> live = objects.stream().filter(o -> !terminating(o) && !completedPod(o)).toList();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("names", objects.stream().map(WaitGoal::name).toList());
    if (absent) {
      result.put("count", objects.size());
      String line = objects.isEmpty() ? what + " gone"
          : named && objects.size() == 1 ? what + " still present: " + Finalizers.state(objects.get(0),
              java.time.Instant.now())
          : objects.size() + " of " + what + " still present: " + names(objects);
      return new Observation(objects.isEmpty(), line, result);
    }
    List<Map<String, Object>> failing = live.stream().filter(o -> !check.holds(o)).toList();
    int passing = live.size() - failing.size();
    boolean met = live.size() >= Math.max(min, 1) && failing.isEmpty();
    result.put("total", live.size());
    result.put("matched", passing);
    String line;
    if (named) {
      line = live.isEmpty() ? what + " does not exist yet" : what + ": " + check.state(live.get(0));
      if (!live.isEmpty() && check instanceof FieldEquals f) {
        f.path().readText(live.get(0)).ifPresent(v -> result.put("value", v));
      }
    } else if (live.isEmpty()) {
      line = "no " + what + " yet";
    } else {
      line = passing + "/" + live.size() + " " + plural() + " " + check.adjective();
      if (!failing.isEmpty()) {
        line += ": " + states(failing);
      } else if (live.size() < min) {
        line += ", waiting for at least " + min;
      }
    }
    return new Observation(met, line, result);
  }

  private String plural() {
    return kind.toLowerCase(java.util.Locale.ROOT) + (kind.endsWith("s") ? "es" : "s");
  }

  private String states(List<Map<String, Object>> failing) {
    List<String> parts = new ArrayList<>();
    for (Map<String, Object> o : failing.subList(0, Math.min(NAMES_SHOWN, failing.size()))) {
      parts.add(name(o) + " " + check.state(o));
    }
    if (failing.size() > NAMES_SHOWN) {
      parts.add("and " + (failing.size() - NAMES_SHOWN) + " more");
    }
    return String.join(", ", parts);
  }

  private static String names(List<Map<String, Object>> objects) {
    List<String> names = objects.stream().map(WaitGoal::name).limit(NAMES_SHOWN).toList();
    return String.join(", ", names) + (objects.size() > NAMES_SHOWN ? " and " + (objects.size() - NAMES_SHOWN)
        + " more" : "");
  }

  static String name(Map<String, Object> o) {
    return ObjectPath.parse(".metadata.name").readText(o).orElse("?");
  }

  private static boolean terminating(Map<String, Object> o) {
    return ObjectPath.parse(".metadata.deletionTimestamp").read(o).isPresent();
  }

  private boolean completedPod(Map<String, Object> o) {
    return "Pod".equals(kind)
        && "Succeeded".equals(ObjectPath.parse(".status.phase").readText(o).orElse(null));
  }
}
