package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves (apiVersion, kind) to the API's resource (plural, scope) by discovery, so custom kinds
 * such as {@code kubevirt.io/v1 KubeVirt} work as well as built-in ones. A group version's resource
 * list is cached; a kind missing from the cache is looked up again, because its CRD may have been
 * created since.
 */
public final class ApiDiscovery {

  private final KubernetesClient client;
  private final Map<String, List<APIResource>> byGroupVersion = new ConcurrentHashMap<>();

  ApiDiscovery(KubernetesClient client) {
    this.client = client;
  }

  /** The resource of a kind, or empty when the server does not serve it (yet). */
  public Optional<ResourceDefinitionContext> find(String apiVersion, String kind) throws ModuleException {
    List<APIResource> cached = byGroupVersion.get(apiVersion);
    Optional<ResourceDefinitionContext> hit = cached == null ? Optional.empty() : match(apiVersion, kind, cached);
    if (hit.isPresent()) {
      return hit;
    }
    List<APIResource> fresh = load(apiVersion);
    byGroupVersion.put(apiVersion, fresh);
    return match(apiVersion, kind, fresh);
  }

  /** Like {@link #find} but fails with a clear message naming the kinds the group version has. */
  public ResourceDefinitionContext require(String apiVersion, String kind) throws ModuleException {
    Optional<ResourceDefinitionContext> found = find(apiVersion, kind);
    if (found.isPresent()) {
      return found.get();
    }
    List<String> kinds = new ArrayList<>();
    for (APIResource r : byGroupVersion.getOrDefault(apiVersion, List.of())) {
      if (!r.getName().contains("/")) {
        kinds.add(r.getKind());
      }
    }
    throw new ModuleException("the cluster serves no kind " + kind + " in " + apiVersion
        + (kinds.isEmpty() ? " (the API group version does not exist: is its CRD installed?)"
            : " (it has: " + String.join(", ", kinds.stream().distinct().sorted().toList()) + ")"));
  }

  /** Forgets what was learned (after CRDs were created or deleted). */
  public void invalidate() {
    byGroupVersion.clear();
  }

  private List<APIResource> load(String apiVersion) throws ModuleException {
    try {
      APIResourceList list = Retry.call(() -> client.getApiResources(apiVersion));
      return list == null || list.getResources() == null ? List.of() : List.copyOf(list.getResources());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw KubeErrors.failure("discover the resources of " + apiVersion, client, e);
    }
  }

  private static Optional<ResourceDefinitionContext> match(String apiVersion, String kind, List<APIResource> list) {
    for (APIResource r : list) {
      if (kind.equals(r.getKind()) && !r.getName().contains("/")) {
        return Optional.of(ResourceDefinitionContext.fromApiResource(apiVersion, r));
      }
    }
    return Optional.empty();
  }
}
