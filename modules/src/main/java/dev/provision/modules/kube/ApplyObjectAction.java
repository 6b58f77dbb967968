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
  private final FieldOwner owner;
  private final ObjectChange.Outcome outcome;

  ApplyObjectAction(ClusterObjects cluster, ResourceRef ref, Map<String, Object> object, FieldOwner owner,
      ObjectChange.Outcome outcome) {
    this.cluster = cluster;
    this.ref = ref;
    this.object = object;
    this.owner = owner;
    this.outcome = outcome;
  }

  @Override
  public String describe() {
    return outcome.verb() + " " + ref.describe() + " (server-side apply"
        + (owner.manager().equals(KubeClients.FIELD_MANAGER) ? "" : " as " + owner.manager()) + ")";
  }

  /** The object as stored, under {@code object}. */
  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException {
    ResourceRef.Resolved resolved = cluster.awaitKind(ref, host);
    Map<String, Object> stored = cluster.apply(resolved, object, false, owner);
    if (ApplyOrder.isCrd(object)) {
      cluster.discovery().invalidate();
    }
    return Map.of("object", stored);
  }
}
