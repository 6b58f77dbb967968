package dev.provision.modules.kube;

/**
 * Who a server-side apply writes as: the field manager ({@code provision}, or the one a
 * {@code kubernetes.core.k8s} task names in {@code server_side_apply.field_manager}), and whether it
 * takes over fields another manager owns ({@code force_conflicts}).
 */
public record FieldOwner(String manager, boolean forceConflicts) {

  /** Provision's own manager, without forcing. */
  public static final FieldOwner PROVISION = new FieldOwner(KubeClients.FIELD_MANAGER, false);

  public static FieldOwner provision(boolean forceConflicts) {
    return new FieldOwner(KubeClients.FIELD_MANAGER, forceConflicts);
  }
}
