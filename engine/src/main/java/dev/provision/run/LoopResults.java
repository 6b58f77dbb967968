package dev.provision.run;

import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import dev.provision.module.Diff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of a looped task, gathered into the node's one result as Ansible registers them:
 * {@code results} (each item's own result, with the item under the loop variable), {@code changed}
 * when any item changed, {@code failed} when any failed, {@code skipped} when all were skipped.
 * Messages, diffs and actions carry the item's label.
 */
final class LoopResults {

  private final String loopVar;
  private final List<Map<String, Object>> results = new ArrayList<>();
  private final List<Attempt> attempts = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final List<Diff> diffs = new ArrayList<>();
  private final List<String> actions = new ArrayList<>();
  private int changed;
  private int failed;
  private int skipped;
  private boolean pending;

  LoopResults(String loopVar) {
    this.loopVar = loopVar;
  }

  /** The loop's items: with {@code flatten} (with_items), lists among them give their own items. */
  static List<Object> items(List<?> rendered, boolean flatten) {
    return items(rendered, flatten ? "with_items" : "loop");
  }

  /**
   * The items of a loop of {@code kind} ({@link dev.provision.playbook.TaskLoop#KINDS}), as Ansible's
   * lookups of the same names give them; {@code rendered} is a list, or a mapping for with_dict.
   * Null when the value has the wrong shape (the caller says so).
   */
  static List<Object> items(Object rendered, String kind) {
    return dev.provision.template.ListLookups.loop(rendered, kind);
  }

  /** {@code ansible_loop} for item {@code i} of {@code items} ({@code loop_control.extended}). */
  static Map<String, Object> extended(List<Object> items, int i) {
    Map<String, Object> loop = new java.util.LinkedHashMap<>();
    int n = items.size();
    loop.put("allitems", items);
    loop.put("index", (long) i + 1);
    loop.put("index0", (long) i);
    loop.put("revindex", (long) (n - i));
    loop.put("revindex0", (long) (n - i - 1));
    loop.put("first", i == 0);
    loop.put("last", i == n - 1);
    loop.put("length", (long) n);
    if (i > 0) {
      loop.put("previtem", items.get(i - 1));
    }
    if (i < n - 1) {
      loop.put("nextitem", items.get(i + 1));
    }
    return loop;
  }

  /** How an item is shown without {@code loop_control.label}: its text, cut short. */
  static String label(Object item) {
    String text = String.valueOf(item);
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  static String describe(Object value) {
    return value == null ? "nothing" : value instanceof Map ? "a mapping" : "`" + label(value) + "`";
  }

  void add(Object item, String label, Outcome outcome) {
    Map<String, Object> value;
    if (outcome instanceof Outcome.Done done) {
      Attempt a = done.attempt();
      attempts.add(a);
      value = a.registered(done.attempts());
      String word = a.failed() ? "failed" : a.changed() ? "changed" : "ok";
      failed += a.failed() ? 1 : 0;
      changed += !a.failed() && a.changed() ? 1 : 0;
      pending |= a.pending();
      lines.add(word + " (" + label + ")" + (a.message() == null || a.message().isBlank() ? "" : ": " + a.message()));
      a.diffs().forEach(d -> diffs.add(new Diff("(" + label + ") " + d.header(), d.before(), d.after())));
      a.actions().forEach(x -> actions.add("(" + label + ") " + x));
    } else {
      skipped++;
      value = new LinkedHashMap<>(Map.of("changed", false, "skipped", true, "skip_reason", "Conditional result was False"));
      lines.add("skipped (" + label + "): condition false");
    }
    value.put(loopVar, item);
    value.put("ansible_loop_var", loopVar);
    results.add(value);
  }

  List<Attempt> attempts() {
    return attempts;
  }

  /** Whether an item's result is known only after apply (plan mode). */
  boolean pending() {
    return pending;
  }

  Map<String, Object> registered() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("results", List.copyOf(results));
    out.put("changed", changed > 0);
    out.put("failed", failed > 0);
    out.put("skipped", !results.isEmpty() && skipped == results.size());
    out.put("msg", summary());
    return out;
  }

  TaskResult result(Duration elapsed) {
    Status status = failed > 0 ? Status.FAILED : changed > 0 ? Status.CHANGED
        : !results.isEmpty() && skipped == results.size() ? Status.SKIPPED : Status.OK;
    String message = lines.isEmpty() ? summary() : summary() + "\n" + String.join("\n", lines);
    return new TaskResult(status, message, diffs, actions, registered(), elapsed);
  }

  private String summary() {
    int ok = results.size() - changed - failed - skipped;
    List<String> parts = new ArrayList<>();
    if (changed > 0) {
      parts.add(changed + " changed");
    }
    if (failed > 0) {
      parts.add(failed + " failed");
    }
    if (skipped > 0) {
      parts.add(skipped + " skipped");
    }
    if (ok > 0) {
      parts.add(ok + " ok");
    }
    return results.size() + (results.size() == 1 ? " item" : " items") + (parts.isEmpty() ? "" : ": "
        + String.join(", ", parts));
  }
}
