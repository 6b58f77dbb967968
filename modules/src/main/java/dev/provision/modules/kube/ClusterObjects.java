package dev.provision.modules.kube;

import dev.provision.json.Json;
import dev.provision.module.Fingerprint;
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
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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
  /** Told what each read saw, so a saved plan can check it again (null: nobody asks). */
  private final HostContext observer;

  public ClusterObjects(KubernetesClient client, ApiDiscovery discovery) {
    this(client, discovery, null);
  }

  private ClusterObjects(KubernetesClient client, ApiDiscovery discovery, HostContext observer) {
    this.client = client;
    this.discovery = discovery;
    this.observer = observer;
  }

  /** The client and discovery of the task's cluster. */
  public static ClusterObjects of(HostContext host, Params params) throws ModuleException {
    KubeClients clients = KubeClients.of(host);
    KubernetesClient client = clients.client(host, params);
    return new ClusterObjects(client, clients.discovery(client), host);
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
      Map<String, Object> object = live == null ? null : toMap(live);
      observe(r, object);
      return object;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        observe(r, null);
        return null;
      }
      throw KubeErrors.failure("read " + r.ref().describe(), client, e);
    }
  }

  /**
   * The object as a saved plan fingerprints it: without what the server changes on its own
   * (resourceVersion, generation, status, the time of each managedFields entry), so a controller's
   * status update is not a change, while another field manager's write (data, labels, owners) is.
   */
  @SuppressWarnings("unchecked")
  static Object stable(Map<String, Object> object) {
    if (object == null) {
      return null;
    }
    Map<String, Object> out = new java.util.TreeMap<>(object);
    out.remove("status");
    if (out.get("metadata") instanceof Map<?, ?> meta) {
      Map<String, Object> m = new java.util.TreeMap<>((Map<String, Object>) meta);
      m.remove("resourceVersion");
      m.remove("generation");
      if (m.get("managedFields") instanceof java.util.List<?> fields) {
        m.put("managedFields", fields.stream().map(f -> {
          Map<String, Object> entry = new java.util.TreeMap<>((Map<String, Object>) f);
          entry.remove("time");
          return entry;
        }).filter(e -> !"status".equals(e.get("subresource"))).toList());
      }
      out.put("metadata", m);
    }
    return out;
  }

  private void observe(ResourceRef.Resolved r, Map<String, Object> object) throws ModuleException {
    if (observer != null) {
      ResourceRef ref = r.ref();
      observer.observed("kube:" + ref.apiVersion() + "/" + ref.kind() + "/" + (ref.namespace() == null ? "" : ref.namespace())
          + "/" + ref.name(), ref.describe(), Fingerprint.of(stable(object)));
    }
  }

  /** Server-side apply as {@code owner}; with {@code dryRun} nothing is stored. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> apply(ResourceRef.Resolved r, Map<String, Object> object, boolean dryRun, FieldOwner owner)
      throws ModuleException {
    GenericKubernetesResource typed = typed(r, object);
    try {
      return toMap(Retry.call(() -> {
        ServerSideApplicable<GenericKubernetesResource> ssa = resource(r, typed).dryRun(dryRun)
            .fieldManager(owner.manager());
        return (owner.forceConflicts() ? ssa.forceConflicts() : ssa).serverSideApply();
      }));
    } catch (KubernetesClientException e) {
      throw KubeErrors.failure((dryRun ? "dry-run apply " : "apply ") + r.ref().describe(), client, e);
    }
  }

  /**
   * Replaces the object (PUT, as {@code kubectl replace}) with this content, at the live object's
   * resourceVersion so a concurrent change is a conflict rather than lost; with {@code dryRun} nothing
   * is stored.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> replace(ResourceRef.Resolved r, Map<String, Object> object, String resourceVersion,
      boolean dryRun) throws ModuleException {
    Map<String, Object> body = (Map<String, Object>) Normalize.plain(object);
    ((Map<String, Object>) body.computeIfAbsent("metadata", k -> new java.util.LinkedHashMap<>()))
        .put("resourceVersion", resourceVersion);
    GenericKubernetesResource typed = typed(r, body);
    try {
      return toMap(Retry.call(() -> resource(r, typed).dryRun(dryRun).update()));
    } catch (KubernetesClientException e) {
      throw KubeErrors.failure((dryRun ? "dry-run replace " : "replace ") + r.ref().describe(), client, e);
    }
  }

  @SuppressWarnings("unchecked")
  private GenericKubernetesResource typed(ResourceRef.Resolved r, Map<String, Object> object) {
    Map<String, Object> body = (Map<String, Object>) Normalize.plain(object);
    Map<String, Object> meta = (Map<String, Object>) body.computeIfAbsent("metadata", k -> new java.util.LinkedHashMap<>());
    if (r.api().isNamespaceScoped()) {
      meta.put("namespace", r.ref().namespace());
    } else {
      meta.remove("namespace");
    }
    return client.getKubernetesSerialization().convertValue(body, GenericKubernetesResource.class);
  }

  private Resource<GenericKubernetesResource> resource(ResourceRef.Resolved r, GenericKubernetesResource typed) {
    var op = client.genericKubernetesResources(r.api());
    return r.api().isNamespaceScoped() ? op.inNamespace(r.ref().namespace()).resource(typed) : op.resource(typed);
  }

  /** Sends a patch of the given type as {@link KubeClients#FIELD_MANAGER}; with {@code dryRun} nothing is stored. */
  public Map<String, Object> patch(ResourceRef.Resolved r, PatchType type, Object patch, boolean dryRun)
      throws ModuleException {
    return patch(r, type, patch, dryRun, KubeClients.FIELD_MANAGER);
  }

  /** Sends a patch of the given type as {@code manager}; with {@code dryRun} nothing is stored. */
  public Map<String, Object> patch(ResourceRef.Resolved r, PatchType type, Object patch, boolean dryRun,
      String manager) throws ModuleException {
    PatchContext context = context(type, dryRun, manager);
    String json = Json.write(patch);
    try {
      return toMap(Retry.call(() -> r.handle(client).patch(context, json), true));
    } catch (KubernetesClientException e) {
      throw KubeErrors.failure((dryRun ? "dry-run patch " : "patch ") + r.ref().describe(), client, e);
    }
  }

  /**
   * Deletes the object with these options (propagation policy, grace period, preconditions), as
   * {@code kubectl delete} sends them; false when it was already gone. The object may stay, being
   * deleted, while finalizers hold it: see {@link Finalizers}.
   */
  public boolean delete(ResourceRef.Resolved r, DeleteOptions options) throws ModuleException {
    String url = url(r);
    try {
      String answer = Retry.call(() -> client.raw(url, "DELETE", options.body()), true);
      return answer != null;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw KubeErrors.failure("delete " + r.ref().describe(), client, e);
    }
  }

  /** The object's URL: /api/v1/... or /apis/GROUP/VERSION/..., its name encoded as a path segment. */
  private String url(ResourceRef.Resolved r) {
    var api = r.api();
    String master = client.getMasterUrl().toString().replaceAll("/+$", "");
    String base = api.getGroup() == null || api.getGroup().isEmpty() ? "/api/" + api.getVersion()
        : "/apis/" + api.getGroup() + "/" + api.getVersion();
    String where = api.isNamespaceScoped() ? "/namespaces/" + segment(r.ref().namespace()) : "";
    return master + base + where + "/" + api.getPlural() + "/" + segment(r.ref().name());
  }

  private static String segment(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Lists a kind in a namespace (or cluster-wide for cluster-scoped kinds). */
  public List<Map<String, Object>> list(ResourceRef.Resolved r) throws ModuleException {
    return list(r.api(), r.api().isNamespaceScoped() ? r.ref().namespace() : null, null, null);
  }

  /**
   * Lists a kind in {@code namespace} (null: every namespace, or a cluster-scoped kind) filtered by
   * label and field selectors (each null for none), as {@code kubectl get -l ... --field-selector ...}.
   */
  public List<Map<String, Object>> list(ResourceDefinitionContext api, String namespace, String labels,
      String fields) throws ModuleException {
    try {
      var op = client.genericKubernetesResources(api);
      io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable<GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList, Resource<GenericKubernetesResource>> scoped =
          !api.isNamespaceScoped() ? op : namespace != null ? op.inNamespace(namespace) : op.inAnyNamespace();
      var options = new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
          .withLabelSelector(labels == null || labels.isBlank() ? null : labels)
          .withFieldSelector(fields == null || fields.isBlank() ? null : fields).build();
      var list = Retry.call(() -> scoped.list(options));
      return list.getItems().stream().map(this::toMap).toList();
    } catch (KubernetesClientException e) {
      throw KubeErrors.failure("list " + api.getKind() + (namespace == null ? "" : " in " + namespace), client, e);
    }
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> toMap(GenericKubernetesResource object) {
    return (Map<String, Object>) Normalize.plain(client.getKubernetesSerialization().convertValue(object, Map.class));
  }

  private static PatchContext context(PatchType type, boolean dryRun, String manager) {
    PatchContext context = PatchContext.of(type);
    context.setFieldManager(manager);
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
