package dev.provision.lab.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The order kube_apply must use, for tests: namespaces and CRDs first, then wait until every CRD is Established,
 * then the rest; all by server-side apply with field manager {@code provision}.
 */
public final class OrderedApply {
  public static final String MANAGER = "provision";

  private final KubernetesClient client;

  public OrderedApply(KubernetesClient client) {
    this.client = client;
  }

  /** Returns the stored objects, in the order applied. */
  public List<HasMetadata> apply(List<HasMetadata> objects, boolean dryRun) {
    List<HasMetadata> first = objects.stream().filter(OrderedApply::isFoundation).toList();
    List<HasMetadata> rest = objects.stream().filter(o -> !isFoundation(o)).toList();
    List<HasMetadata> applied = new java.util.ArrayList<>(first.stream().map(o -> apply(o, dryRun)).toList());
    if (!dryRun) {
      first.stream().filter(CustomResourceDefinition.class::isInstance).forEach(this::awaitEstablished);
    }
    rest.stream().map(o -> apply(o, dryRun)).forEach(applied::add);
    return applied;
  }

  private HasMetadata apply(HasMetadata object, boolean dryRun) {
    return client.resource(object).dryRun(dryRun).fieldManager(MANAGER).forceConflicts().serverSideApply();
  }

  private void awaitEstablished(HasMetadata crd) {
    client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
        .waitUntilCondition(OrderedApply::established, 60, TimeUnit.SECONDS);
  }

  public static boolean established(CustomResourceDefinition crd) {
    // a fresh CRD's status says "conditions": null until the controller writes one
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean isFoundation(HasMetadata object) {
    return object instanceof Namespace || object instanceof CustomResourceDefinition;
  }
}
