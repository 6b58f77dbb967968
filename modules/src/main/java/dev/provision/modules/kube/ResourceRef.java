package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * One named object: (apiVersion, kind, name, namespace). {@link #resolve} finds its API by discovery
 * and gives the fabric8 handle; a namespaced kind without a namespace uses the client's default
 * namespace, and a cluster-scoped kind ignores the namespace.
 */
public record ResourceRef(String apiVersion, String kind, String name, String namespace) {

  /** From the common params {@code api_version}, {@code kind}, {@code name}, {@code namespace}. */
  public static ResourceRef from(Params params) throws ModuleException {
    for (String required : new String[] {"api_version", "kind", "name"}) {
      if (!params.has(required)) {
        throw new ModuleException("parameter `" + required + "` is needed to name the resource");
      }
    }
    String namespace = params.optString("namespace").orElse(null);
    if (namespace != null) {
      ObjectNames.namespace(namespace, "parameter `namespace`");
    }
    return new ResourceRef(params.string("api_version"), params.string("kind"),
        ObjectNames.name(params.string("name"), "parameter `name`"), namespace);
  }

  /** "KubeVirt kubevirt/kubevirt" or "Namespace kubevirt". */
  public String describe() {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }

  /** The resolved resource: API coordinates plus effective namespace. */
  public Resolved resolve(KubernetesClient client, ApiDiscovery discovery) throws ModuleException {
    ResourceDefinitionContext api = discovery.require(apiVersion, kind);
    String ns = api.isNamespaceScoped() ? (namespace != null ? namespace : defaultNamespace(client)) : null;
    return new Resolved(new ResourceRef(apiVersion, kind, name, ns), api);
  }

  static String defaultNamespace(KubernetesClient client) {
    String ns = client.getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }

  /** A reference whose API is known. */
  public record Resolved(ResourceRef ref, ResourceDefinitionContext api) {

    public Resource<GenericKubernetesResource> handle(KubernetesClient client) {
      var op = client.genericKubernetesResources(api);
      return api.isNamespaceScoped() ? op.inNamespace(ref.namespace()).withName(ref.name())
          : op.withName(ref.name());
    }
  }
}
