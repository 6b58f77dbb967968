package dev.provision.module;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a module found and what it would do. {@code actions} empty means compliant and
 * {@code message} says why ("package libvirt is installed"); otherwise {@code message} says what
 * the change is, in the imperative ("install qemu-kvm, libvirt"), the same whether or not it will
 * run: the engine decides that, and {@link #reported} words it. {@code result} is data known at
 * plan time, for {@code register} (read-only modules put everything they read here).
 */
public record Plan(List<Action> actions, List<Diff> diffs, String message, Map<String, Object> result) {

  public Plan {
    actions = List.copyOf(actions);
    diffs = List.copyOf(diffs);
    result = result == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(result));
  }

  public static Plan noop(String reason) {
    return new Plan(List.of(), List.of(), reason, Map.of());
  }

  public static Plan noop(String reason, Map<String, Object> result) {
    return new Plan(List.of(), List.of(), reason, result);
  }

  public static Plan change(String summary, List<Diff> diffs, List<? extends Action> actions) {
    return new Plan(List.copyOf(actions), diffs, summary, Map.of());
  }

  public static Plan change(String summary, Action... actions) {
    return new Plan(List.of(actions), List.of(), summary, Map.of());
  }

  public Plan withResult(Map<String, Object> data) {
    return new Plan(actions, diffs, message, data);
  }

  public Plan withDiffs(List<Diff> more) {
    return new Plan(actions, more, message, result);
  }

  public boolean changes() {
    return !actions.isEmpty();
  }

  /**
   * The message as the run reports it, worded here for every module: a change that was planned and
   * not {@code applied} reads "would install qemu-kvm"; a change made, or a compliant host, reads as
   * the module said.
   */
  public String reported(boolean applied) {
    return changes() && !applied && message != null ? "would " + message : message;
  }
}
