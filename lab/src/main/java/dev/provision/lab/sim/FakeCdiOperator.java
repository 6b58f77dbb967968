package dev.provision.lab.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * cdi-operator's part, once its Deployment ({@code cdi/cdi-operator}) is ready: it puts its finalizer on the
 * cluster-wide CDI CR, reports it Deployed and Available with the operator's version, and on deletion removes the
 * finalizer (only while it runs, so a CR whose operator was deleted first stays Terminating). Nothing is imported:
 * no DataVolume is served here.
 */
final class FakeCdiOperator {

  static final String FINALIZER = "operator.cdi.kubevirt.io";
  private static final String NAMESPACE = "cdi";

  private final KubernetesClient client;
  private final Consumer<String> log;

  FakeCdiOperator(KubernetesClient client, Consumer<String> log) {
    this.client = client;
    this.log = log;
  }

  void reconcile(List<GenericKubernetesResource> cdis, SharedIndexInformer<Deployment> deployments,
      StatusWriter status) {
    Deployment operator = deployments.getStore().getByKey(NAMESPACE + "/cdi-operator");
    if (operator == null || !FakeVirtOperator.ready(operator)) {
      return; // no operator running: nobody acts on the CR
    }
    String version = FakeVirtOperator.version(operator.getSpec().getTemplate().getSpec().getContainers().get(0));
    for (GenericKubernetesResource cdi : cdis) {
      String name = cdi.getMetadata().getName();
      List<String> finalizers = cdi.getMetadata().getFinalizers();
      if (cdi.getMetadata().getDeletionTimestamp() != null) {
        if (finalizers.contains(FINALIZER)) {
          List<String> left = new ArrayList<>(finalizers);
          left.remove(FINALIZER);
          finalizers(name, left);
          log.accept("CDI " + name + " uninstalled; finalizer " + FINALIZER + " removed");
        }
        continue;
      }
      if (!finalizers.contains(FINALIZER)) {
        List<String> with = new ArrayList<>(finalizers);
        with.add(FINALIZER);
        finalizers(name, with);
        continue;
      }
      boolean deployed = "Deployed".equals(Fields.text(cdi.getAdditionalProperties(), "status", "phase"))
          && version.equals(Fields.text(cdi.getAdditionalProperties(), "status", "observedVersion"))
          && "True".equals(Fields.condition(cdi.getAdditionalProperties(), "Available"));
      if (!deployed) {
        String now = Writes.now();
        status.patch(KubeVirtKinds.CDI, cdi, Map.of("status", Map.of("phase", "Deployed", "operatorVersion", version,
            "targetVersion", version, "observedVersion", version, "conditions", List.of(
                condition("Available", "True", "Deployed", "Deployment Completed (" + Writes.NOTE + ")", now),
                condition("Progressing", "False", "Deployed", "", now),
                condition("Degraded", "False", "Deployed", "", now)))));
        log.accept("CDI " + name + " Deployed (" + version + ")");
      }
    }
  }

  private void finalizers(String name, List<String> finalizers) {
    String list = finalizers.stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(","));
    client.genericKubernetesResources(KubeVirtKinds.CDI).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":[" + list + "]}}");
  }

  private static Map<String, Object> condition(String type, String status, String reason, String message,
      String now) {
    return Map.of("type", type, "status", status, "reason", reason, "message", Objects.requireNonNull(message),
        "lastProbeTime", now, "lastTransitionTime", now);
  }
}
