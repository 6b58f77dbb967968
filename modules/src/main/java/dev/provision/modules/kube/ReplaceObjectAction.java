package dev.provision.modules.kube;

import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.Map;

/** Replaces one object (PUT) at its resourceVersion as read now; returns the stored object under {@code object}. */
final class ReplaceObjectAction implements Action {

  private final ClusterObjects cluster;
  private final ResourceRef.Resolved resolved;
  private final Map<String, Object> object;

  ReplaceObjectAction(ClusterObjects cluster, ResourceRef.Resolved resolved, Map<String, Object> object) {
    this.cluster = cluster;
    this.resolved = resolved;
    this.object = object;
  }

  @Override
  public String describe() {
    return "replace " + resolved.ref().describe();
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException {
    Map<String, Object> live = cluster.get(resolved);
    if (live == null) {
      throw new ModuleException(resolved.ref().describe() + " was deleted since the plan, so it cannot be replaced");
    }
    String version = ObjectPath.parse(".metadata.resourceVersion").readText(live).orElse(null);
    return Map.of("object", cluster.replace(resolved, object, version, false));
  }
}
