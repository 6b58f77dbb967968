package dev.provision.modules.kube;

import dev.provision.json.Json;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes objects as plain maps over one client: get, server-side apply (optionally as a
 * dry run), patch and delete, each with bounded retries and errors that say what was attempted.
 */
public final class ClusterObjects {

  private final KubernetesClient client;
  private final ApiDiscovery discovery;

  public ClusterObjects(KubernetesClient client, ApiDiscovery discovery) {
    this.client = client;
    this.discovery = discovery;
  }

  /** The client and discovery of the task's cluster. */
  public static ClusterObjects of(HostContext host, Params params) throws ModuleException {
    KubeClients clients = KubeClients.of(host);
    KubernetesClient client = clients.client(host, params);
    return new ClusterObjects(client, clients.discovery(client));
  }

  public KubernetesClient client() {
    return client;
  }

  public ApiDiscovery discovery() {
    return discovery;
  }

  /** The reference of a manifest object (namespace as written, maybe null). */
  @SuppressWarnings("unchecked")
  public static ResourceRef refOf(Map<String, Object> object) {
    Map<String, Object> meta = (Map<String, Object>) object.getOrDefault("metadata", Map.of());
    Object ns = meta.get("namespace");
    return new ResourceRef(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")),
        String.valueOf(meta.get("name")), ns == null ? null : String.valueOf(ns));
  }

  /** The resolved reference, or empty when the server does not serve the kind yet. */
  public Optional<ResourceRef.Resolved> resolve(ResourceRef ref) throws ModuleException {
    if (discovery.find(ref.apiVersion(), ref.kind()).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ref.resolve(client, discovery));
  }

  /** Waits (bounded) until the server serves the kind, e.g. after its CRD was created. */
  public ResourceRef.Resolved awaitKind(ResourceRef ref, HostContext host) throws ModuleException {
    Duration limit = host.timeout() != null ? host.timeout() : Duration.ofSeconds(120);
    long start = System.nanoTime();
    while (true) {
      Optional<ResourceRef.Resolved> found = resolve(ref);
      if (found.isPresent()) {
        return found.get();
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      if (waited.compareTo(limit) >= 0) {
        throw new ModuleException("the CRD of " + ref.kind() + " (" + ref.apiVersion() + ") was not Established within "
            + limit.toSeconds() + "s, so " + ref.describe() + " cannot be applied");
      }
      host.progress("waiting for the CRD of " + ref.apiVersion() + " " + ref.kind() + " to be Established ("
          + waited.toSeconds() + "s)");
      sleep(500);
    }
  }

  /** The live object, or null when there is none. */
  public Map<String, Object> get(ResourceRef.Resolved r) throws ModuleException {
    try {
      GenericKubernetesResource live = Retry.call(() -> r.handle(client).get());
      return live == null ? null : toMap(live);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw KubeErrors.failure("read " + r.ref().describe(), e);
    }
  }

  /** Server-side apply as {@link KubeClients#FIELD_MANAGER}; with {@code dryRun} nothing is stored. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> apply(ResourceRef.Resolved r, Map<String, Object> object, boolean dryRun, boolean force)
      throws ModuleException {
    Map<String, Object> body = (Map<String, Object>) Normalize.plain(object);
    Map<String, Object> meta = (Map<String, Object>) body.get("metadata");
    if (r.api().isNamespaceScoped()) {
      meta.put("namespace", r.ref().namespace());
    } else {
      meta.remove("namespace");
    }
    GenericKubernetesResource typed = client.getKubernetesSerialization().convertValue(body, GenericKubernetesResource.class);
    try {
      return toMap(Retry.call(() -> {
        var op = client.genericKubernetesResources(r.api());
        Resource<GenericKubernetesResource> handle = r.api().isNamespaceScoped()
            ? op.inNamespace(r.ref().namespace()).resource(typed) : op.resource(typed);
        ServerSideApplicable<GenericKubernetesResource> ssa = handle.dryRun(dryRun).fieldManager(KubeClients.FIELD_MANAGER);
        return (force ? ssa.forceConflicts() : ssa).serverSideApply();
      }));
    } catch (KubernetesClientException e) {
      throw KubeErrors.failure((dryRun ? "dry-run apply " : "apply ") + r.ref().describe(), e);
    }
  }

  /** Sends a patch of the given type; with {@code dryRun} nothing is stored. */
  public Map<String, Object> patch(ResourceRef.Resolved r, PatchType type, Object patch, boolean dryRun)
      throws ModuleException {
    PatchContext context = context(type, dryRun);
    String json = Json.write(patch);
    try {
      return toMap(Retry.call(() -> r.handle(client).patch(context, json), true));
    } catch (KubernetesClientException e) {
      throw KubeErrors.failure((dryRun ? "dry-run patch " : "patch ") + r.ref().describe(), e);
    }
  }

  /** Deletes the object (background propagation); false when it was already gone. */
  public boolean delete(ResourceRef.Resolved r) throws ModuleException {
    try {
      return !Retry.call(() -> r.handle(client).delete(), true).isEmpty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw KubeErrors.failure("delete " + r.ref().describe(), e);
    }
  }

  /** Lists a kind in a namespace (or cluster-wide for cluster-scoped kinds). */
  public List<Map<String, Object>> list(ResourceRef.Resolved r) throws ModuleException {
    try {
      var op = client.genericKubernetesResources(r.api());
      var list = Retry.call(() -> r.api().isNamespaceScoped() ? op.inNamespace(r.ref().namespace()).list() : op.list());
      return list.getItems().stream().map(this::toMap).toList();
    } catch (KubernetesClientException e) {
      throw KubeErrors.failure("list " + r.ref().kind() + " in " + r.ref().namespace(), e);
    }
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> toMap(GenericKubernetesResource object) {
    return (Map<String, Object>) Normalize.plain(client.getKubernetesSerialization().convertValue(object, Map.class));
  }

  private static PatchContext context(PatchType type, boolean dryRun) {
    PatchContext context = PatchContext.of(type);
    context.setFieldManager(KubeClients.FIELD_MANAGER);
    if (dryRun) {
      context.setDryRun(List.of("All"));
    }
    return context;
  }

  private static void sleep(long ms) throws ModuleException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException("interrupted", e);
    }
  }
}
