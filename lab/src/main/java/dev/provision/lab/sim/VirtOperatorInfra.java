package dev.provision.lab.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What virt-operator installs beside its Deployments, and removes when the KubeVirt CR is deleted: the APIService
 * {@code v1.subresources.kubevirt.io} (virt-api's aggregated API, here {@link FakeVirtApi} behind an ExternalName
 * Service {@code virt-api}), the mutating webhook {@code virt-api-mutator} and the validating webhooks
 * {@code virt-api-validator} and {@code virt-operator-validator}. The user guide deletes the same four by name after
 * the CR, for a cluster whose operator could not.
 *
 * <p>Nothing serves the webhooks' paths, so each webhook's object selector matches no object (the API server never
 * calls them) and its failure policy is Ignore; their names, kinds, rules and services are KubeVirt's.
 */
final class VirtOperatorInfra implements AutoCloseable {

  static final String APISERVICE = "v1." + FakeVirtApi.GROUP;
  static final List<String> VALIDATING = List.of("virt-api-validator", "virt-operator-validator");
  static final String MUTATING = "virt-api-mutator";

  static final ResourceDefinitionContext API_SERVICES = cluster("apiregistration.k8s.io", "APIService",
      "apiservices");
  static final ResourceDefinitionContext VALIDATING_WEBHOOKS = cluster("admissionregistration.k8s.io",
      "ValidatingWebhookConfiguration", "validatingwebhookconfigurations");
  static final ResourceDefinitionContext MUTATING_WEBHOOKS = cluster("admissionregistration.k8s.io",
      "MutatingWebhookConfiguration", "mutatingwebhookconfigurations");

  private final KubernetesClient client;
  private final Consumer<String> log;
  private FakeVirtApi api;

  VirtOperatorInfra(KubernetesClient client, Consumer<String> log) {
    this.client = client;
    this.log = log;
  }

  /** Creates what is missing (the APIService again when the simulated virt-api moved to another port). */
  void install(String ns) {
    int port = api().port();
    if (!Integer.valueOf(port).equals(servicePort(ns))) {
      client.services().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
          .withNewMetadata().withName("virt-api").withNamespace(ns).withLabels(labels()).endMetadata()
          .withNewSpec().withType("ExternalName").withExternalName("localhost")
          .addNewPort().withName("https").withProtocol("TCP").withPort(port).endPort().endSpec().build())
          .fieldManager(Writes.MANAGER).forceConflicts().serverSideApply();
    }
    GenericKubernetesResource apiService = client.genericKubernetesResources(API_SERVICES).withName(APISERVICE).get();
    if (apiService == null || !String.valueOf(port).equals(Fields.text(apiService.getAdditionalProperties(), "spec",
        "service", "port"))) {
      apply(API_SERVICES, APISERVICE, Map.of("group", FakeVirtApi.GROUP, "version", "v1",
          "groupPriorityMinimum", 1000, "versionPriority", 15, "insecureSkipTLSVerify", true,
          "service", Map.of("namespace", ns, "name", "virt-api", "port", port)), "spec");
      log.accept("APIService " + APISERVICE + " registered (simulated virt-api on 127.0.0.1:" + port + ")");
    }
    if (client.genericKubernetesResources(MUTATING_WEBHOOKS).withName(MUTATING).get() == null) {
      apply(MUTATING_WEBHOOKS, MUTATING, List.of(
          webhook("virtualmachines-mutator.kubevirt.io", ns, "virt-api", "/virtualmachines-mutate",
              "virtualmachines", List.of("CREATE", "UPDATE")),
          webhook("virtualmachineinstances-mutator.kubevirt.io", ns, "virt-api", "/virtualmachineinstances-mutate",
              "virtualmachineinstances", List.of("CREATE"))), "webhooks");
      log.accept("MutatingWebhookConfiguration " + MUTATING + " created");
    }
    if (client.genericKubernetesResources(VALIDATING_WEBHOOKS).withName("virt-api-validator").get() == null) {
      apply(VALIDATING_WEBHOOKS, "virt-api-validator", List.of(
          webhook("virtualmachine-validator.kubevirt.io", ns, "virt-api", "/virtualmachines-validate",
              "virtualmachines", List.of("CREATE", "UPDATE")),
          webhook("virtualmachineinstances-create-validator.kubevirt.io", ns, "virt-api",
              "/virtualmachineinstances-validate-create", "virtualmachineinstances", List.of("CREATE"))), "webhooks");
      log.accept("ValidatingWebhookConfiguration virt-api-validator created");
    }
    if (client.genericKubernetesResources(VALIDATING_WEBHOOKS).withName("virt-operator-validator").get() == null) {
      apply(VALIDATING_WEBHOOKS, "virt-operator-validator", List.of(
          webhook("kubevirt-validator.kubevirt.io", ns, "kubevirt-operator-webhook", "/kubevirt-validate-delete",
              "kubevirts", List.of("DELETE"))), "webhooks");
      log.accept("ValidatingWebhookConfiguration virt-operator-validator created");
    }
  }

  /** Deletes what is left; true when nothing is. */
  boolean remove(String ns) {
    List<Resource<GenericKubernetesResource>> left = new ArrayList<>();
    left.add(client.genericKubernetesResources(API_SERVICES).withName(APISERVICE));
    left.add(client.genericKubernetesResources(MUTATING_WEBHOOKS).withName(MUTATING));
    VALIDATING.forEach(name -> left.add(client.genericKubernetesResources(VALIDATING_WEBHOOKS).withName(name)));
    boolean gone = true;
    for (Resource<GenericKubernetesResource> r : left) {
      GenericKubernetesResource live = r.get();
      if (live != null) {
        gone = false;
        r.delete();
        log.accept(live.getKind() + " " + live.getMetadata().getName() + " deleted");
      }
    }
    if (client.services().inNamespace(ns).withName("virt-api").get() != null) {
      gone = false;
      client.services().inNamespace(ns).withName("virt-api").delete();
    }
    return gone;
  }

  private Integer servicePort(String ns) {
    var s = client.services().inNamespace(ns).withName("virt-api").get();
    return s == null || s.getSpec().getPorts().isEmpty() ? null : s.getSpec().getPorts().get(0).getPort();
  }

  private synchronized FakeVirtApi api() {
    if (api == null) {
      api = FakeVirtApi.start();
    }
    return api;
  }

  private void apply(ResourceDefinitionContext kind, String name, Object body, String field) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(kind.getGroup() + "/" + kind.getVersion());
    object.setKind(kind.getKind());
    object.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels()).build());
    object.setAdditionalProperty(field, body);
    // created, or its one field replaced: the aggregator's APIService takes no server-side apply on 1.20
    var resource = client.genericKubernetesResources(kind).withName(name);
    if (resource.get() == null) {
      client.genericKubernetesResources(kind).resource(object).create();
    } else {
      resource.patch(PatchContext.of(PatchType.JSON_MERGE), Writes.json(client, Map.of(field, body)));
    }
  }

  private static Map<String, Object> webhook(String name, String ns, String service, String path, String resource,
      List<String> operations) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("name", name);
    w.put("admissionReviewVersions", List.of("v1", "v1beta1"));
    w.put("sideEffects", "None");
    w.put("failurePolicy", "Ignore");
    w.put("timeoutSeconds", 10);
    // matches no object: nothing in the lab answers the webhook's path
    w.put("objectSelector", Map.of("matchExpressions", List.of(Map.of("key", "lab.provision.dev/call-webhook",
        "operator", "Exists"))));
    w.put("clientConfig", Map.of("service", Map.of("namespace", ns, "name", service, "path", path, "port", 443)));
    w.put("rules", List.of(Map.of("operations", operations, "apiGroups", List.of(KubeVirtKinds.GROUP),
        "apiVersions", List.of("v1", "v1alpha3"), "resources", List.of(resource), "scope", "*")));
    return w;
  }

  private static Map<String, String> labels() {
    return Map.of("app.kubernetes.io/managed-by", "virt-operator", "app.kubernetes.io/component", "kubevirt",
        "kubevirt.io", "", Writes.SIMULATED_LABEL, "true");
  }

  private static ResourceDefinitionContext cluster(String group, String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind(kind)
        .withPlural(plural).withNamespaced(false).build();
  }

  @Override
  public synchronized void close() {
    if (api != null) {
      api.close();
      api = null;
    }
  }
}
