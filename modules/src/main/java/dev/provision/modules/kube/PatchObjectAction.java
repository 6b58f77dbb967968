package dev.provision.modules.kube;

import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.Map;

/** Sends one patch for real; returns the patched object under {@code object}. */
final class PatchObjectAction implements Action {

  private final ClusterObjects cluster;
  private final ResourceRef.Resolved resolved;
  private final PatchKind kind;
  private final Object patch;
  private final String manager;

  PatchObjectAction(ClusterObjects cluster, ResourceRef.Resolved resolved, PatchKind kind, Object patch, String manager) {
    this.cluster = cluster;
    this.resolved = resolved;
    this.kind = kind;
    this.patch = patch;
    this.manager = manager;
  }

  @Override
  public String describe() {
    return "patch " + resolved.ref().describe() + " (" + kind.words() + ")";
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException {
    return Map.of("object", cluster.patch(resolved, kind.type(), patch, false, manager));
  }
}
