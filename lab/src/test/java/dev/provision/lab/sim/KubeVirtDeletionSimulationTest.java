package dev.provision.lab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.lab.kube.KubeVirtLab;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulated virt-operator's part in KubeVirt's removal, on the real kube-apiserver: its finalizer on the CR, the
 * APIService (answered, so discovery and namespace deletion keep working) and webhooks it installs, the teardown
 * when the CR is deleted, and a CR whose operator went first staying Terminating on its finalizer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeVirtDeletionSimulationTest {

  private static final List<String> LOG = new CopyOnWriteArrayList<>();

  private static void log(String line) {
    LOG.add(line);
    System.out.println(line);
  }

  @RegisterExtension
  @Order(1)
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  @RegisterExtension
  @Order(2)
  static final SimulationFixture SIM = SimulationFixture.homeLab(KUBE::client, KubeVirtDeletionSimulationTest::log);

  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    client = KUBE.client();
  }

  @Test
  @Order(1)
  void theOperatorPutsItsFinalizerOnTheCrAndInstallsAnAnsweredApiServiceAndTheWebhooks() {
    installKubeVirt();

    assertThat(kubevirt().getMetadata().getFinalizers()).contains("foregroundDeleteKubeVirt");
    GenericKubernetesResource apiService = client.genericKubernetesResources(VirtOperatorInfra.API_SERVICES)
        .withName("v1.subresources.kubevirt.io").waitUntilCondition(a -> a != null
            && "True".equals(Fields.condition(a.getAdditionalProperties(), "Available")), 30, TimeUnit.SECONDS);
    assertThat(apiService.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "virt-operator");
    // Available can come a moment before the aggregator serves the group's discovery: ask until it does
    io.fabric8.kubernetes.api.model.APIResourceList served = null;
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); served == null && System.nanoTime() < end; ) {
      try {
        served = client.getApiResources("subresources.kubevirt.io/v1");
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        served = null; // 503 while the aggregator catches up
      }
      if (served == null) {
        sleep(200);
      }
    }
    assertThat(served).as("discovery of subresources.kubevirt.io/v1").isNotNull();
    assertThat(served.getResources()).anyMatch(r -> r.getName().equals("virtualmachines/start"));
    assertThat(client.genericKubernetesResources(VirtOperatorInfra.MUTATING_WEBHOOKS).withName("virt-api-mutator")
        .get()).isNotNull();
    for (String name : List.of("virt-api-validator", "virt-operator-validator")) {
      assertThat(client.genericKubernetesResources(VirtOperatorInfra.VALIDATING_WEBHOOKS).withName(name).get())
          .as(name).isNotNull();
    }
    // an aggregated API that did not answer would hold every namespace's deletion (discovery fails)
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("scratch").endMetadata().build())
        .create();
    client.namespaces().withName("scratch").delete();
    assertThat(client.namespaces().withName("scratch").waitUntilCondition(n -> n == null, 60, TimeUnit.SECONDS))
        .isNull();
  }

  @Test
  @Order(2)
  void deletingTheCrTearsDownWhatTheOperatorInstalledThenRemovesTheFinalizer() {
    client.genericKubernetesResources(KubeVirtKinds.KUBEVIRT).inNamespace("kubevirt").withName("kubevirt").delete();

    assertThat(client.genericKubernetesResources(KubeVirtKinds.KUBEVIRT).inNamespace("kubevirt").withName("kubevirt")
        .waitUntilCondition(k -> k == null, 60, TimeUnit.SECONDS)).isNull();
    assertThat(client.genericKubernetesResources(VirtOperatorInfra.API_SERVICES).withName(
        "v1.subresources.kubevirt.io").get()).isNull();
    assertThat(client.genericKubernetesResources(VirtOperatorInfra.MUTATING_WEBHOOKS).list().getItems()).isEmpty();
    assertThat(client.genericKubernetesResources(VirtOperatorInfra.VALIDATING_WEBHOOKS).list().getItems()).isEmpty();
    assertThat(client.apps().deployments().inNamespace("kubevirt").list().getItems())
        .extracting(d -> d.getMetadata().getName()).containsExactly("virt-operator");
    assertThat(client.apps().daemonSets().inNamespace("kubevirt").list().getItems()).isEmpty();
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(c -> c.getMetadata().getName()).doesNotContain("virtualmachines.kubevirt.io",
            "virtualmachineinstances.kubevirt.io");
    assertThat(LOG).anyMatch(l -> l.contains("KubeVirt kubevirt/kubevirt Deleting"))
        .anyMatch(l -> l.contains("finalizer foregroundDeleteKubeVirt removed"));
  }

  @Test
  @Order(3)
  void aCrWhoseOperatorWentFirstStaysTerminatingOnItsFinalizerUntilItIsRemoved() {
    installKubeVirt();
    client.apps().deployments().inNamespace("kubevirt").withName("virt-operator").delete();
    client.apps().deployments().inNamespace("kubevirt").withName("virt-operator")
        .waitUntilCondition(d -> d == null, 30, TimeUnit.SECONDS);

    client.genericKubernetesResources(KubeVirtKinds.KUBEVIRT).inNamespace("kubevirt").withName("kubevirt").delete();
    sleep(3000); // several passes of the simulation

    GenericKubernetesResource stuck = kubevirt();
    assertThat(stuck.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(stuck.getMetadata().getFinalizers()).containsExactly("foregroundDeleteKubeVirt");
    assertThat(client.genericKubernetesResources(VirtOperatorInfra.API_SERVICES).withName(
        "v1.subresources.kubevirt.io").get()).as("nobody tore it down").isNotNull();

    client.genericKubernetesResources(KubeVirtKinds.KUBEVIRT).inNamespace("kubevirt").withName("kubevirt")
        .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
    assertThat(client.genericKubernetesResources(KubeVirtKinds.KUBEVIRT).inNamespace("kubevirt").withName("kubevirt")
        .waitUntilCondition(k -> k == null, 30, TimeUnit.SECONDS)).isNull();
  }

  private static void installKubeVirt() {
    KubeVirtLab lab = new KubeVirtLab(client);
    lab.applyOperator();
    lab.applyKubeVirtCr();
    client.genericKubernetesResources(KubeVirtKinds.KUBEVIRT).inNamespace("kubevirt").withName("kubevirt")
        .waitUntilCondition(k -> k != null && "Deployed".equals(Fields.text(k.getAdditionalProperties(), "status",
            "phase")), 90, TimeUnit.SECONDS);
  }

  private static GenericKubernetesResource kubevirt() {
    return client.genericKubernetesResources(KubeVirtKinds.KUBEVIRT).inNamespace("kubevirt").withName("kubevirt")
        .get();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
