package dev.provision.modules.kube;

import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.Map;

/** Server-side applies one object, first waiting (bounded) for its kind when its CRD was just created. */
final class ApplyObjectAction implements Action {

  private final ClusterObjects cluster;
  private final ResourceRef ref;
  private final Map<String, Object> object;
  private final boolean force;
  private final ObjectChange.Outcome outcome;

  ApplyObjectAction(ClusterObjects cluster, ResourceRef ref, Map<String, Object> object, boolean force,
      ObjectChange.Outcome outcome) {
    this.cluster = cluster;
    this.ref = ref;
    this.object = object;
    this.force = force;
    this.outcome = outcome;
  }

  @Override
  public String describe() {
    return outcome.verb() + " " + ref.describe() + " (server-side apply)";
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException {
    ResourceRef.Resolved resolved = cluster.awaitKind(ref, host);
    cluster.apply(resolved, object, false, force);
    if (ApplyOrder.isCrd(object)) {
      cluster.discovery().invalidate();
    }
    return Map.of();
  }
}
