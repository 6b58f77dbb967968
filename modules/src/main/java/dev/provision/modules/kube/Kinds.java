package dev.provision.modules.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds how a kind is served. Common kinds (and KubeVirt's) are known without a request, so a plan can speak of
 * a KubeVirt CR before its CRD exists; others are looked up by API discovery. {@link #served} tells whether the
 * server serves the kind now.
 */
public final class Kinds {

  private static final Map<String, KindRef> KNOWN = Map.ofEntries(
      known("v1", "Pod", "pods", true), known("v1", "Namespace", "namespaces", false),
      known("v1", "Node", "nodes", false), known("v1", "Service", "services", true),
      known("v1", "ConfigMap", "configmaps", true), known("v1", "Secret", "secrets", true),
      known("v1", "ServiceAccount", "serviceaccounts", true),
      known("v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
      known("apps/v1", "Deployment", "deployments", true), known("apps/v1", "DaemonSet", "daemonsets", true),
      known("apps/v1", "StatefulSet", "statefulsets", true), known("apps/v1", "ReplicaSet", "replicasets", true),
      known("batch/v1", "Job", "jobs", true),
      known("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false),
      known("kubevirt.io/v1", "KubeVirt", "kubevirts", true),
      known("kubevirt.io/v1", "VirtualMachine", "virtualmachines", true),
      known("kubevirt.io/v1", "VirtualMachineInstance", "virtualmachineinstances", true));

  private final KubernetesClient client;

  public Kinds(KubernetesClient client) {
    this.client = client;
  }

  private static Map.Entry<String, KindRef> known(String apiVersion, String kind, String plural, boolean ns) {
    return Map.entry(kind.toLowerCase(Locale.ROOT), KindRef.of(apiVersion, kind, plural, ns));
  }

  /** A kind known without asking the server (any case, or its plural), if the API version fits. */
  public static Optional<KindRef> known(String kind, String apiVersion) {
    String key = kind.toLowerCase(Locale.ROOT);
    KindRef ref = KNOWN.get(key);
    if (ref == null) {
      ref = KNOWN.values().stream().filter(k -> k.plural().equals(key)).findFirst().orElse(null);
    }
    if (ref == null || (apiVersion != null && !apiVersion.equals(ref.apiVersion()))) {
      return Optional.empty();
    }
    return Optional.of(ref);
  }

  /** The kind, known or discovered now; empty when the server does not serve it (yet). */
  public Optional<KindRef> resolve(String kind, String apiVersion) {
    Optional<KindRef> ref = known(kind, apiVersion);
    if (ref.isPresent()) {
      return ref;
    }
    List<String> groupVersions = new ArrayList<>();
    if (apiVersion != null) {
      groupVersions.add(apiVersion);
    } else {
      groupVersions.add("v1");
      for (APIGroup group : client.getApiGroups().getGroups()) {
        GroupVersionForDiscovery preferred = group.getPreferredVersion();
        if (preferred != null) {
          groupVersions.add(preferred.getGroupVersion());
        }
      }
    }
    for (String gv : groupVersions) {
      Optional<KindRef> found = find(gv, kind);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Whether the server serves this kind now (its CRD may be missing or not yet Established). */
  public boolean served(KindRef ref) {
    return find(ref.apiVersion(), ref.kind()).isPresent();
  }

  private Optional<KindRef> find(String groupVersion, String kind) {
    APIResourceList resources;
    try {
      resources = client.getApiResources(groupVersion);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    if (resources == null) {
      return Optional.empty();
    }
    String key = kind.toLowerCase(Locale.ROOT);
    for (APIResource r : resources.getResources()) {
      if (!r.getName().contains("/") && (r.getKind().toLowerCase(Locale.ROOT).equals(key) || r.getName().equals(key))) {
        return Optional.of(KindRef.of(groupVersion, r.getKind(), r.getName(), Boolean.TRUE.equals(r.getNamespaced())));
      }
    }
    return Optional.empty();
  }
}
