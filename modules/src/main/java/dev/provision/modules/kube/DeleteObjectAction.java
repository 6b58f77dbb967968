package dev.provision.modules.kube;

import dev.provision.connection.Durations;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deletes one object with its {@link DeleteOptions} and, with a wait, watches it until it is gone: the
 * progress line says what holds it, and a deletion that does not end fails naming the finalizers on
 * the object (a finalizer is removed only by the controller that set it).
 */
final class DeleteObjectAction implements Action {

  private final ClusterObjects cluster;
  private final ResourceRef.Resolved resolved;
  private final DeleteOptions options;
  private final Duration wait;
  private final boolean send;

  /** {@code wait} null: do not wait; {@code send} false: the deletion was requested already, only wait. */
  DeleteObjectAction(ClusterObjects cluster, ResourceRef.Resolved resolved, DeleteOptions options, Duration wait,
      boolean send) {
    this.cluster = cluster;
    this.resolved = resolved;
    this.options = options;
    this.wait = wait;
    this.send = send;
  }

  @Override
  public String describe() {
    String what = resolved.ref().describe();
    String how = options.describe().isEmpty() ? "" : " (" + options.describe() + ")";
    String then = wait == null ? "" : (send ? ", then " : "") + "wait up to " + Durations.format(wait)
        + " until it is gone";
    return send ? "delete " + what + how + then : then.strip() + ": " + what;
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException {
    if (send) {
      cluster.delete(resolved, options);
    }
    if (wait == null) {
      return Map.of();
    }
    ResourceRef ref = resolved.ref();
    Selection selection = new Selection(ref.kind(), ref.apiVersion(), ref.namespace(), ref.name(), null);
    WaitGoal gone = new WaitGoal(ref.kind(), ref.describe(), new Readiness(ref.kind()), 1, true, true);
    long t0 = System.nanoTime();
    try {
      new ResourceWaiter(cluster.client()).await(selection, gone, wait, host::progress);
    } catch (ModuleException timedOut) {
      Map<String, Object> live = cluster.get(resolved);
      if (live == null) {
        return Map.of(); // it went just as the wait ended
      }
      throw stillThere(live, timedOut);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("waited_seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
    return out;
  }

  private ModuleException stillThere(Map<String, Object> live, ModuleException timedOut) {
    String what = resolved.ref().describe();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("finalizers", Finalizers.of(live));
    data.put("state", Finalizers.state(live, Instant.now()));
    String held = Finalizers.holders(what, live);
    String message = what + " is still there " + Durations.format(wait) + " after its deletion: "
        + Finalizers.state(live, Instant.now()) + ". It is held by " + held
        + (Finalizers.of(live).isEmpty() ? "" : ". A finalizer is removed only by the controller that added it:"
            + " if that controller is gone, remove the finalizers with a JSON patch"
            + " [{op: remove, path: /metadata/finalizers}] once nothing is left to clean up");
    return new ModuleException(message, data, timedOut);
  }
}
