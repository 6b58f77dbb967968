package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.lab.kube.KubeVirtLab;
import dev.provision.lab.kube.OrderedApply;
import dev.provision.lab.sim.SimulatedControllers;
import dev.provision.lab.sim.SimulationOptions;
import dev.provision.module.ModuleException;
import dev.provision.modules.kube.KubeWaitModule;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kube_wait against the real kube-apiserver 1.20, following the guide: wait for the virt-operator pods, then for
 * the KubeVirt CR's phase Deployed, with the lab's simulated controllers playing kubelet and virt-operator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeWaitModuleTest {
  private static final Map<String, Object> OPERATOR_PODS =
      Map.of("namespace", "kubevirt", "selector", "kubevirt.io=virt-operator", "min", 2, "timeout", "2m");
  private static final Map<String, Object> DEPLOYED = Map.of("kind", "KubeVirt", "namespace", "kubevirt",
      "name", "kubevirt", "field", ".status.phase", "value", "Deployed", "timeout", "2m");

  @RegisterExtension
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  private static KubernetesClient client;
  private static ModuleRunner wait;
  private static SimulatedControllers sim;

  @BeforeAll
  static void runner() {
    client = KUBE.client();
    wait = new ModuleRunner(new KubeWaitModule(), KUBE.kubeconfig());
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  @Order(1)
  void waitsForTheOperatorPodsWithALiveProgressLineThenIsOk() throws Exception {
    KubeModuleRunner.Outcome before = wait.plan(OPERATOR_PODS);
    assertThat(before.changed()).as("plan before the manifest predicts a wait").isTrue();
    assertThat(before.plan().message())
        .isEqualTo("wait for pods with kubevirt.io=virt-operator in kubevirt ready"
            + " (now: no pods with kubevirt.io=virt-operator in kubevirt yet)");

    new KubeVirtLab(client).applyOperator();
    client.pods().inNamespace("kubevirt").withLabel("kubevirt.io", "virt-operator")
        .informOnCondition(pods -> pods.size() == 2).orTimeout(60, TimeUnit.SECONDS).join();
    CompletableFuture<KubeModuleRunner.Outcome> first = CompletableFuture.supplyAsync(() -> apply(OPERATOR_PODS));
    awaitProgress("0/2 pods ready");
    sim = new SimulatedControllers(client, SimulationOptions.homeLab(), line -> {}).start();
    KubeModuleRunner.Outcome applied = first.get(90, TimeUnit.SECONDS);

    assertThat(applied.changed()).isTrue();
    assertThat(applied.data()).containsEntry("state", "2/2 pods ready").containsEntry("matched", 2);
    assertThat(wait.progress()).anyMatch(line -> line.matches(
        "0/2 pods ready: virt-operator-[a-z0-9]+-[a-z0-9]+ Pending \\(unscheduled\\), virt-operator-.*"));
    assertThat(wait.progress()).last().isEqualTo("2/2 pods ready");

    KubeModuleRunner.Outcome again = wait.apply(OPERATOR_PODS);
    assertThat(again.changed()).isFalse();
    assertThat(again.plan().message()).isEqualTo("pods with kubevirt.io=virt-operator in kubevirt ready: 2/2 pods ready");
    assertThat(wait.plan(OPERATOR_PODS).changed()).isFalse();
  }

  @Test
  @Order(2)
  void waitsForKubeVirtPhaseDeployed() throws Exception {
    KubeModuleRunner.Outcome before = wait.plan(DEPLOYED);
    assertThat(before.changed()).isTrue();
    assertThat(before.plan().message()).endsWith("(now: KubeVirt kubevirt/kubevirt does not exist yet)");

    new KubeVirtLab(client).applyKubeVirtCr();
    KubeModuleRunner.Outcome applied = wait.apply(DEPLOYED);

    assertThat(applied.changed()).as("the components take a while: the first run waits").isTrue();
    assertThat(applied.data()).containsEntry("value", "Deployed")
        .containsEntry("state", "KubeVirt kubevirt/kubevirt: .status.phase = Deployed");
    KubeModuleRunner.Outcome again = wait.apply(DEPLOYED);
    assertThat(again.changed()).isFalse();
    assertThat(again.data()).containsEntry("value", "Deployed");
    assertThat(wait.plan(Map.of("kind", "KubeVirt", "namespace", "kubevirt", "name", "kubevirt",
        "field", ".status.observedKubeVirtVersion", "value", "v0.59.1")).changed()).isFalse();
  }

  @Test
  @Order(3)
  void conditionWaitsHoldForTheDeployedKubeVirtAndTheOperatorDeployment() throws Exception {
    KubeModuleRunner.Outcome kubevirt = wait.apply(Map.of("kind", "KubeVirt", "namespace", "kubevirt",
        "name", "kubevirt", "condition", "Available"));
    KubeModuleRunner.Outcome deployment = wait.apply(Map.of("kind", "Deployment", "namespace", "kubevirt",
        "name", "virt-operator", "condition", "Available", "status", "True"));
    KubeModuleRunner.Outcome degraded = wait.plan(Map.of("kind", "KubeVirt", "namespace", "kubevirt",
        "name", "kubevirt", "condition", "Degraded", "status", "True"));

    assertThat(kubevirt.changed()).isFalse();
    assertThat(kubevirt.plan().message()).isEqualTo(
        "KubeVirt kubevirt/kubevirt Available=True: KubeVirt kubevirt/kubevirt: Available=True (AllComponentsReady)");
    assertThat(deployment.changed()).isFalse();
    assertThat(degraded.changed()).isTrue();
    assertThat(degraded.plan().message()).contains("now: KubeVirt kubevirt/kubevirt: Degraded=False");
  }

  @Test
  @Order(4)
  void aTimeoutFailsWithTheLastObservedState() {
    long t0 = System.nanoTime();

    assertThatThrownBy(() -> wait.apply(Map.of("kind", "KubeVirt", "namespace", "kubevirt", "name", "kubevirt",
        "field", ".status.phase", "value", "Deleted", "timeout", "2s")))
        .isInstanceOf(ModuleException.class)
        .hasMessage("timed out after 2s waiting for KubeVirt kubevirt/kubevirt .status.phase = Deleted;"
            + " last seen: KubeVirt kubevirt/kubevirt: .status.phase = Deployed")
        .satisfies(e -> assertThat(((ModuleException) e).data()).containsEntry("value", "Deployed"));
    assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(1900L, 6000L);
  }

  @Test
  @Order(5)
  void waitsForObjectsToGoAndForAKindThatIsNotServedYet() throws Exception {
    CompletableFuture<KubeModuleRunner.Outcome> gone = CompletableFuture.supplyAsync(() -> apply(Map.of(
        "namespace", "kubevirt", "selector", "kubevirt.io=virt-operator", "for", "absent", "timeout", "1m")));
    CompletableFuture<KubeModuleRunner.Outcome> widgets = CompletableFuture.supplyAsync(() -> apply(Map.of(
        "kind", "Gadget", "api_version", "lab.provision.dev/v1", "namespace", "default", "for", "exists",
        "timeout", "1m")));
    Thread.sleep(1500);
    client.apps().deployments().inNamespace("kubevirt").withName("virt-operator").delete();
    new OrderedApply(client).apply(client.load(new java.io.ByteArrayInputStream(GADGET.getBytes())).items(), false);

    assertThat(gone.get(60, TimeUnit.SECONDS).data()).containsEntry("state", "pods with kubevirt.io=virt-operator"
        + " in kubevirt gone");
    assertThat(widgets.get(60, TimeUnit.SECONDS).data()).containsEntry("state", "1/1 gadgets present");
    assertThat(wait.progress()).contains("kind Gadget lab.provision.dev/v1 is not served yet (no CRD?)");
  }

  private static KubeModuleRunner.Outcome apply(Map<String, Object> args) {
    try {
      return wait.apply(args);
    } catch (ModuleException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static void awaitProgress(String prefix) throws InterruptedException {
    for (int i = 0; i < 300 && wait.progress().stream().noneMatch(l -> l.startsWith(prefix)); i++) {
      Thread.sleep(100);
    }
    assertThat(wait.progress()).anyMatch(l -> l.startsWith(prefix));
  }

  private static final String GADGET = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: gadgets.lab.provision.dev}
      spec:
        group: lab.provision.dev
        scope: Namespaced
        names: {plural: gadgets, singular: gadget, kind: Gadget}
        versions:
        - name: v1
          served: true
          storage: true
          schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
      ---
      apiVersion: lab.provision.dev/v1
      kind: Gadget
      metadata: {name: one, namespace: default}
      """;
}
