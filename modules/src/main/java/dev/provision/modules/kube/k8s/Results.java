package dev.provision.modules.kube.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a kubernetes.core.k8s task registers, as kubernetes.core shapes it: for one object its
 * {@code method}, {@code result} (the object; empty once deleted) and {@code duration} (with
 * {@code wait}) at the top; for several, {@code result.results}, one such entry per object, each with its
 * own {@code changed} (and {@code error} under {@code continue_on_error}). Filled while planning with
 * what the plan knows (the dry run's object), then by each action as it runs, so that after the last one
 * it holds what was applied.
 */
final class Results {

  private final List<Map<String, Object>> entries = new ArrayList<>();
  /** Per entry that registers a diff (--diff, an object updated, replaced or applied): the live object before. */
  private final Map<Integer, Map<String, Object>> before = new java.util.HashMap<>();

  /** Adds an object's entry; returns its index. */
  synchronized int add(boolean changed, String method, Map<String, Object> object) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("changed", changed);
    entry.put("method", method);
    entry.put("result", object == null ? Map.of() : object);
    entries.add(entry);
    return entries.size() - 1;
  }

  /**
   * The entry registers {@code diff}: {@code live} against its {@code result}, whatever the result becomes
   * (the dry run's object in the plan, the stored object after the apply).
   */
  synchronized void diffAgainst(int index, Map<String, Object> live) {
    before.put(index, live == null ? Map.of() : live);
  }

  synchronized void put(int index, String key, Object value) {
    entries.get(index).put(key, value);
  }

  synchronized void warn(int index, String warning) {
    @SuppressWarnings("unchecked")
    List<String> warnings = (List<String>) entries.get(index).computeIfAbsent("warnings", k -> new ArrayList<String>());
    warnings.add(warning);
  }

  /** The registered data: one entry's keys at the top, or {@code result.results}. */
  synchronized Map<String, Object> render() {
    List<Map<String, Object>> copies = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> copy = new LinkedHashMap<>(entries.get(i));
      if (before.containsKey(i)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) copy.get("result");
        copy.put("diff", ObjectDiff.of(before.get(i), result));
      }
      copies.add(copy);
    }
    if (copies.size() == 1) {
      Map<String, Object> one = copies.get(0);
      one.remove("changed"); // the engine's own changed stands for the task
      return one;
    }
    return Map.of("result", Map.of("results", copies));
  }

  synchronized boolean isEmpty() {
    return entries.isEmpty();
  }
}
