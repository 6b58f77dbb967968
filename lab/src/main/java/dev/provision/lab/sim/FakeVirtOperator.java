package dev.provision.lab.sim;

import dev.provision.lab.kube.OrderedApply;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * virt-operator's part, once its own Deployment is ready: for each KubeVirt CR it installs the VM and VMI CRDs,
 * virt-api and virt-controller Deployments and the virt-handler DaemonSet (whose pods the fake kubelet "runs"),
 * writes phase Deploying, then Deployed with {@code observedKubeVirtVersion} (the operator image's tag) once those
 * are ready, and keeps it Deployed. When the operator's image moves to another tag (an upgrade: the new release's
 * kubevirt-operator.yaml applied), it rolls the components to that tag and reports Deploying, the old version still
 * observed, until every component runs the new one. It puts its finalizer {@code foregroundDeleteKubeVirt} on the CR,
 * installs the APIService and webhooks ({@link VirtOperatorInfra}) and, when the CR is deleted, tears all of it down
 * before it removes the finalizer: only while it runs, so a CR whose operator was deleted first stays Terminating.
 */
final class FakeVirtOperator {

  /** virt-operator's finalizer on the KubeVirt CR: removed once it has torn down what it installed. */
  static final String FINALIZER = "foregroundDeleteKubeVirt";

  private final KubernetesClient client;
  private final Consumer<String> log;
  private final VirtOperatorInfra infra;

  FakeVirtOperator(KubernetesClient client, Consumer<String> log, VirtOperatorInfra infra) {
    this.client = client;
    this.log = log;
    this.infra = infra;
  }

  record Stores(SharedIndexInformer<Deployment> deployments, SharedIndexInformer<DaemonSet> daemonSets,
      SharedIndexInformer<CustomResourceDefinition> crds, StatusWriter status) {}

  void reconcile(List<GenericKubernetesResource> kubevirts, Stores stores) {
    for (GenericKubernetesResource kv : kubevirts) {
      String ns = kv.getMetadata().getNamespace();
      Deployment operator = stores.deployments().getStore().getByKey(ns + "/virt-operator");
      if (operator == null || !ready(operator)) {
        continue; // no operator running: nobody acts on the CR (nor removes its finalizer), as on a real cluster
      }
      if (kv.getMetadata().getDeletionTimestamp() != null) {
        tearDown(kv, stores);
        continue;
      }
      if (!kv.getMetadata().getFinalizers().contains(FINALIZER)) {
        List<String> with = new java.util.ArrayList<>(kv.getMetadata().getFinalizers());
        with.add(FINALIZER);
        finalizers(kv, with);
        continue; // the next pass sees the CR with it
      }
      Container container = operator.getSpec().getTemplate().getSpec().getContainers().get(0);
      String version = version(container);
      String registry = registry(container.getImage());
      installCrds(stores.crds());
      installComponents(ns, registry, version, stores);
      infra.install(ns);
      boolean componentsReady = componentsReady(ns, registry, version, stores);
      String phase = Objects.requireNonNullElse(Fields.text(kv.getAdditionalProperties(), "status", "phase"), "");
      String observed = Objects.requireNonNullElse(
          Fields.text(kv.getAdditionalProperties(), "status", "observedKubeVirtVersion"), "");
      boolean keepDeployed = "Deployed".equals(phase) && version.equals(observed);
      String wanted = componentsReady || keepDeployed ? "Deployed" : "Deploying";
      if (wanted.equals(phase) && ("Deploying".equals(wanted) || version.equals(observed))) {
        continue;
      }
      log.accept("KubeVirt " + ns + "/" + kv.getMetadata().getName() + " " + wanted + " (" + version + ")");
      String observedRegistry = Fields.text(kv.getAdditionalProperties(), "status", "observedKubeVirtRegistry");
      stores.status().patch(KubeVirtKinds.KUBEVIRT, kv, Map.of("status", statusFor(wanted, version, registry,
          observed.isEmpty() ? null : observed, observedRegistry, kv.getMetadata().getGeneration())));
    }
  }

  /**
   * The CR is being deleted: phase Deleting, then everything the operator installed is deleted (the APIService,
   * webhooks, virt-api, virt-controller, virt-handler, the VM and VMI CRDs with every VM left), and once none is left
   * the finalizer goes, so the API server removes the CR.
   */
  private void tearDown(GenericKubernetesResource kv, Stores stores) {
    String ns = kv.getMetadata().getNamespace();
    if (!kv.getMetadata().getFinalizers().contains(FINALIZER)) {
      return;
    }
    if (!"Deleting".equals(Fields.text(kv.getAdditionalProperties(), "status", "phase"))) {
      stores.status().patch(KubeVirtKinds.KUBEVIRT, kv, Map.of("status", Map.of("phase", "Deleting")));
      log.accept("KubeVirt " + ns + "/" + kv.getMetadata().getName() + " Deleting");
    }
    boolean gone = infra.remove(ns);
    for (String name : List.of("virt-api", "virt-controller")) {
      if (client.apps().deployments().inNamespace(ns).withName(name).get() != null) {
        gone = false;
        client.apps().deployments().inNamespace(ns).withName(name).delete();
        log.accept("Deployment " + ns + "/" + name + " deleted");
      }
    }
    if (client.apps().daemonSets().inNamespace(ns).withName("virt-handler").get() != null) {
      gone = false;
      client.apps().daemonSets().inNamespace(ns).withName("virt-handler").delete();
      log.accept("DaemonSet " + ns + "/virt-handler deleted");
    }
    for (CustomResourceDefinition crd : KubeVirtKinds.workloadCrds()) {
      String name = crd.getMetadata().getName();
      if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() != null) {
        gone = false;
        client.apiextensions().v1().customResourceDefinitions().withName(name).delete();
        log.accept("CRD " + name + " deleted");
      }
    }
    if (gone) {
      List<String> left = new java.util.ArrayList<>(kv.getMetadata().getFinalizers());
      left.remove(FINALIZER);
      finalizers(kv, left);
      log.accept("KubeVirt " + ns + "/" + kv.getMetadata().getName() + " uninstalled; finalizer " + FINALIZER
          + " removed");
    }
  }

  private void finalizers(GenericKubernetesResource kv, List<String> finalizers) {
    client.genericKubernetesResources(KubeVirtKinds.KUBEVIRT).inNamespace(kv.getMetadata().getNamespace())
        .withName(kv.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
            Writes.json(client, Map.of("metadata", Map.of("finalizers", finalizers))));
  }

  /**
   * The CR's status; while a version deploys, the observed version stays the one that was deployed before (none on a
   * first install), as virt-operator reports an upgrade in progress.
   */
  private static Map<String, Object> statusFor(String phase, String version, String registry, String observedBefore,
      String observedRegistryBefore, Long generation) {
    boolean deployed = "Deployed".equals(phase);
    String now = Writes.now();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("phase", phase);
    s.put("operatorVersion", version);
    s.put("targetKubeVirtVersion", version);
    s.put("targetKubeVirtRegistry", registry);
    s.put("observedKubeVirtVersion", deployed ? version : observedBefore);
    s.put("observedKubeVirtRegistry", deployed ? registry : observedRegistryBefore);
    if (generation != null) {
      s.put("observedGeneration", generation);
    }
    s.put("conditions", List.of(
        condition("Available", deployed ? "True" : "False",
            deployed ? "AllComponentsReady" : "DeploymentInProgress",
            deployed ? "All components are ready. (" + Writes.NOTE + ")" : "Deploying version " + version, now),
        condition("Progressing", deployed ? "False" : "True",
            deployed ? "AllComponentsReady" : "DeploymentInProgress", "", now),
        condition("Degraded", "False", deployed ? "AllComponentsReady" : "DeploymentInProgress", "", now)));
    return s;
  }

  private static Map<String, Object> condition(String type, String status, String reason, String message,
      String now) {
    return Map.of("type", type, "status", status, "reason", reason, "message", message,
        "lastProbeTime", now, "lastTransitionTime", now);
  }

  private void installCrds(SharedIndexInformer<CustomResourceDefinition> crds) {
    for (CustomResourceDefinition crd : KubeVirtKinds.workloadCrds()) {
      if (crds.getStore().getByKey(crd.getMetadata().getName()) == null) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd).fieldManager(Writes.MANAGER)
            .forceConflicts().serverSideApply();
        log.accept("CRD " + crd.getMetadata().getName() + " installed");
      }
    }
  }

  private void installComponents(String ns, String registry, String version, Stores stores) {
    for (String name : List.of("virt-api", "virt-controller")) {
      Deployment now = stores.deployments().getStore().getByKey(ns + "/" + name);
      // missing, or at another version: (re)applied, so the Deployment controller rolls its pods to the new image
      if (now == null || !image(registry, name, version).equals(image(now.getSpec().getTemplate()))) {
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
            .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels(name)).endMetadata()
            .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("kubevirt.io", name).endSelector()
            .withTemplate(template(name, registry, version)).endSpec().build())
            .fieldManager(Writes.MANAGER).forceConflicts().serverSideApply();
        if (now != null) {
          log.accept("Deployment " + ns + "/" + name + " rolled to " + version);
        }
      }
    }
    DaemonSet handler = stores.daemonSets().getStore().getByKey(ns + "/virt-handler");
    if (handler == null || !image(registry, "virt-handler", version).equals(image(handler.getSpec().getTemplate()))) {
      client.apps().daemonSets().inNamespace(ns).resource(new DaemonSetBuilder()
          .withNewMetadata().withName("virt-handler").withNamespace(ns).withLabels(labels("virt-handler"))
          .endMetadata()
          .withNewSpec().withNewSelector().addToMatchLabels("kubevirt.io", "virt-handler").endSelector()
          .withTemplate(template("virt-handler", registry, version)).endSpec().build())
          .fieldManager(Writes.MANAGER).forceConflicts().serverSideApply();
      if (handler != null) {
        log.accept("DaemonSet " + ns + "/virt-handler rolled to " + version);
      }
    }
  }

  private static String image(String registry, String name, String version) {
    return registry + "/" + name + ":" + version;
  }

  private static String image(PodTemplateSpec template) {
    return template.getSpec().getContainers().get(0).getImage();
  }

  /** Every component at this version and rolled out (all its pods updated and ready), and the CRDs established. */
  private boolean componentsReady(String ns, String registry, String version, Stores stores) {
    Deployment api = stores.deployments().getStore().getByKey(ns + "/virt-api");
    Deployment controller = stores.deployments().getStore().getByKey(ns + "/virt-controller");
    DaemonSet handler = stores.daemonSets().getStore().getByKey(ns + "/virt-handler");
    boolean crds = KubeVirtKinds.workloadCrds().stream()
        .allMatch(c -> OrderedApply.established(stores.crds().getStore().getByKey(c.getMetadata().getName())));
    return crds && rolledOut(api, image(registry, "virt-api", version))
        && rolledOut(controller, image(registry, "virt-controller", version)) && handler != null
        && image(registry, "virt-handler", version).equals(image(handler.getSpec().getTemplate()))
        && handler.getStatus() != null && handler.getStatus().getDesiredNumberScheduled() != null
        && handler.getStatus().getDesiredNumberScheduled() > 0
        && Objects.equals(handler.getStatus().getObservedGeneration(), handler.getMetadata().getGeneration())
        && Objects.equals(handler.getStatus().getUpdatedNumberScheduled(), handler.getStatus().getDesiredNumberScheduled())
        && Objects.equals(handler.getStatus().getNumberReady(), handler.getStatus().getDesiredNumberScheduled());
  }

  private static boolean rolledOut(Deployment d, String image) {
    if (d == null || !image.equals(image(d.getSpec().getTemplate())) || !ready(d)) {
      return false;
    }
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    return Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())
        && d.getStatus().getUpdatedReplicas() != null && d.getStatus().getUpdatedReplicas() >= desired
        && (d.getStatus().getReplicas() == null || d.getStatus().getReplicas() <= desired);
  }

  static boolean ready(Deployment d) {
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    return d.getStatus() != null && d.getStatus().getReadyReplicas() != null
        && d.getStatus().getReadyReplicas() >= desired;
  }

  /** The image tag (quay.io/kubevirt/virt-operator:v0.59.1), or KUBEVIRT_VERSION for a digest reference. */
  static String version(Container operator) {
    String image = operator.getImage();
    int at = image.indexOf('@');
    int colon = image.lastIndexOf(':');
    if (at < 0 && colon > image.lastIndexOf('/')) {
      return image.substring(colon + 1);
    }
    return operator.getEnv().stream().filter(e -> "KUBEVIRT_VERSION".equals(e.getName())).map(EnvVar::getValue)
        .filter(Objects::nonNull).findFirst().orElse("unknown");
  }

  static String registry(String image) {
    int slash = image.lastIndexOf('/');
    return slash < 0 ? "" : image.substring(0, slash);
  }

  private static Map<String, String> labels(String name) {
    return Map.of("kubevirt.io", name, "app.kubernetes.io/managed-by", "virt-operator",
        "app.kubernetes.io/component", "kubevirt", Writes.SIMULATED_LABEL, "true");
  }

  private static PodTemplateSpec template(String name, String registry, String version) {
    return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("kubevirt.io", name)
        .addToLabels(Writes.SIMULATED_LABEL, "true").endMetadata()
        .withNewSpec().addNewContainer().withName(name).withImage(registry + "/" + name + ":" + version)
        .endContainer().endSpec().build();
  }
}
