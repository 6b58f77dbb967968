package dev.provision.run;

import dev.provision.module.Diff;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one try of a task produced, before {@code changed_when}, {@code failed_when} and
 * {@code until} are applied. {@code pending}: a change was planned and not made (set only by
 * {@link ModuleCall}, which decides what runs), so its result is known only after apply.
 */
record Attempt(
    boolean changed, boolean failed, boolean unreachable, boolean pending, String message,
    Map<String, Object> data, List<Diff> diffs, List<String> actions) {

  Attempt {
    data = new LinkedHashMap<>(data);
    diffs = List.copyOf(diffs);
    actions = List.copyOf(actions);
  }

  static Attempt failure(String message, Map<String, Object> data, List<Diff> diffs, List<String> actions,
      boolean changed) {
    return new Attempt(changed, true, false, false, message, data, diffs, actions);
  }

  static Attempt unreachable(String message) {
    return new Attempt(false, true, true, false, message, Map.of(), List.of(), List.of());
  }

  Attempt withChanged(boolean value) {
    return new Attempt(value, failed, unreachable, pending, message, data, diffs, actions);
  }

  Attempt withFailed(boolean value, String why) {
    return new Attempt(changed, value, unreachable, pending, why, data, diffs, actions);
  }

  /** The same attempt with one more key of data (which {@code register} stores). */
  Attempt withData(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(data);
    more.put(key, value);
    return new Attempt(changed, failed, unreachable, pending, message, more, diffs, actions);
  }

  /** The value {@code register} stores: the module's data plus Ansible's common keys. */
  Map<String, Object> registered(int attempts) {
    Map<String, Object> out = new LinkedHashMap<>(data);
    out.put("changed", changed);
    out.put("failed", failed);
    out.put("skipped", false);
    if (message != null && !data.containsKey("msg")) {
      out.put("msg", message); // a module's own msg (debug's value, ini_file's "option changed") is what it registers
    }
    if (attempts > 1) {
      out.put("attempts", attempts);
    }
    if (!diffs.isEmpty() && !out.containsKey("diff")) { // a module's own diff (kubernetes.core's) is what it registers
      out.put("diff", diffs.stream().map(d -> Map.of("before_header", d.header(), "before", d.before(),
          "after_header", d.header(), "after", d.after())).toList());
    }
    return out;
  }
}
