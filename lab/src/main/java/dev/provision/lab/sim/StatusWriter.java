package dev.provision.lab.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;

/** Merge-patches the status of a custom resource: through the status subresource when its CRD has one. */
final class StatusWriter {

  private final KubernetesClient client;
  private final SharedIndexInformer<CustomResourceDefinition> crds;

  StatusWriter(KubernetesClient client, SharedIndexInformer<CustomResourceDefinition> crds) {
    this.client = client;
    this.crds = crds;
  }

  void patch(ResourceDefinitionContext kind, GenericKubernetesResource object, Map<String, Object> patch) {
    String namespace = object.getMetadata().getNamespace();
    Resource<GenericKubernetesResource> resource = namespace == null
        ? client.genericKubernetesResources(kind).withName(object.getMetadata().getName()) // cluster-scoped
        : client.genericKubernetesResources(kind).inNamespace(namespace).withName(object.getMetadata().getName());
    String json = Writes.json(client, patch);
    if (hasStatusSubresource(kind)) {
      resource.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), json);
    } else {
      resource.patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }
  }

  private boolean hasStatusSubresource(ResourceDefinitionContext kind) {
    CustomResourceDefinition crd = crds.getStore().getByKey(KubeVirtKinds.crdName(kind));
    return crd != null && crd.getSpec() != null && crd.getSpec().getVersions() != null
        && crd.getSpec().getVersions().stream()
        .anyMatch(v -> v.getName().equals(kind.getVersion()) && v.getSubresources() != null
            && v.getSubresources().getStatus() != null);
  }
}
