package dev.provision.modules.kube.k8s;

import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object's action inside a kubernetes.core task: runs it, writes what it returned into the task's
 * {@link Results} (the stored object as {@code result}, the wait's {@code duration}), and returns the whole
 * of them, so the task registers what was applied. Under {@code continue_on_error} a failure is the
 * object's {@code error} and the next object goes on.
 */
record Recorded(Action action, Results results, int index, boolean continueOnError) implements Action {

  @Override
  public String describe() {
    return action.describe();
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
    try {
      Map<String, Object> data = action.apply(host);
      if (data.get("object") != null) {
        results.put(index, "result", data.get("object"));
      }
      if (data.get("waited_seconds") instanceof Number seconds) {
        results.put(index, "duration", Math.round(seconds.doubleValue()));
      }
      if (data.get("resource") != null) {
        results.put(index, "result", data.get("resource"));
      }
    } catch (ModuleException e) {
      if (!continueOnError) {
        Map<String, Object> data = new LinkedHashMap<>(results.render());
        data.putAll(e.data());
        throw new ModuleException(e.getMessage(), data, e);
      }
      results.put(index, "error", Map.of("msg", e.getMessage()));
    }
    return results.render();
  }
}
