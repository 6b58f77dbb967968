package dev.provision.modules.kube;

import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.Map;

/** Deletes one object (background propagation: dependents are removed by the garbage collector). */
final class DeleteObjectAction implements Action {

  private final ClusterObjects cluster;
  private final ResourceRef.Resolved resolved;

  DeleteObjectAction(ClusterObjects cluster, ResourceRef.Resolved resolved) {
    this.cluster = cluster;
    this.resolved = resolved;
  }

  @Override
  public String describe() {
    return "delete " + resolved.ref().describe();
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException {
    cluster.delete(resolved);
    return Map.of();
  }
}
