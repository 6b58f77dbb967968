package dev.provision.lab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.lab.kube.KubeVirtLab;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lab's simulated kubelet, virt-operator and virt-controller against the real kube-apiserver 1.20. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedControllersTest {
  private static final ResourceDefinitionContext KUBEVIRT = context("KubeVirt", "kubevirts");
  private static final ResourceDefinitionContext VM = context("VirtualMachine", "virtualmachines");
  private static final ResourceDefinitionContext VMI = context("VirtualMachineInstance", "virtualmachineinstances");
  private static final List<String> NODES = SimulationOptions.homeLab().nodes();

  private static final List<String> LOG = new CopyOnWriteArrayList<>();

  @RegisterExtension
  @Order(1)
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  @RegisterExtension
  @Order(2)
  static final SimulationFixture SIM = SimulationFixture.homeLab(KUBE::client, LOG::add);

  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    client = KUBE.client();
  }

  @Test
  @Order(1)
  void saysThatItIsASimulationAndRegistersReadyNodes() {
    assertThat(LOG.get(0)).isEqualTo("[simulated] " + SimulatedControllers.NOTICE);

    for (String name : NODES) {
      Node node = client.nodes().withName(name).waitUntilCondition(n -> n != null && n.getStatus() != null
          && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
              .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())), 60, TimeUnit.SECONDS);
      assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", name);
      assertThat(node.getStatus().getAddresses()).anyMatch(a -> a.getAddress().startsWith("10.10.0."));
    }
    // leases are renewed on the simulator's own schedule: the last one may come a moment later
    List<String> leases = List.of();
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < end; ) {
      leases = client.leases().inNamespace("kube-node-lease").list().getItems().stream()
          .map(l -> l.getMetadata().getName()).toList();
      if (leases.containsAll(NODES)) {
        break;
      }
      sleep(100);
    }
    assertThat(leases).containsAll(NODES);
  }

  @Test
  @Order(2)
  void operatorPodsScheduledByTheControllerManagerBecomeRunningAndReady() {
    long t0 = System.nanoTime();
    new KubeVirtLab(client).applyOperator();

    List<Pod> pods = client.pods().inNamespace("kubevirt").withLabel("kubevirt.io", "virt-operator")
        .informOnCondition(list -> list.size() == 2 && list.stream().allMatch(SimulatedControllersTest::ready))
        .orTimeout(60, TimeUnit.SECONDS).join();

    System.out.println("virt-operator pods ready " + (System.nanoTime() - t0) / 1_000_000 + " ms after apply");
    assertThat(pods).allSatisfy(pod -> {
      assertThat(pod.getSpec().getNodeName()).isIn(NODES);
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(pod.getStatus().getPodIP()).startsWith("10.244.");
      assertThat(pod.getStatus().getContainerStatuses()).allMatch(c -> c.getReady());
    });
    assertThat(pods.get(0).getStatus().getPodIP()).isNotEqualTo(pods.get(1).getStatus().getPodIP());
    assertThat(client.apps().deployments().inNamespace("kubevirt").withName("virt-operator")
        .waitUntilCondition(d -> d.getStatus() != null && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()),
            90, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  @Order(3)
  void kubeVirtBecomesDeployedWithTheOperatorsVersionAndItsComponentsRun() {
    new KubeVirtLab(client).applyKubeVirtCr();

    GenericKubernetesResource kv = client.genericKubernetesResources(KUBEVIRT).inNamespace("kubevirt")
        .withName("kubevirt").waitUntilCondition(k -> k != null && "Deployed".equals(status(k, "phase")),
            120, TimeUnit.SECONDS);

    assertThat(status(kv, "observedKubeVirtVersion")).isEqualTo("v0.59.1");
    assertThat(LOG).anyMatch(line -> line.contains("KubeVirt kubevirt/kubevirt Deploying"))
        .anyMatch(line -> line.contains("KubeVirt kubevirt/kubevirt Deployed (v0.59.1)"));
    assertThat(client.apps().daemonSets().inNamespace("kubevirt").withName("virt-handler").get().getStatus()
        .getNumberReady()).isEqualTo(NODES.size());
    assertThat(client.pods().inNamespace("kubevirt").withLabel("kubevirt.io", "virt-handler").list().getItems())
        .extracting(p -> p.getSpec().getNodeName()).containsExactlyInAnyOrderElementsOf(NODES);
  }

  @Test
  @Order(4)
  void aVmWithRunningTrueGetsARunningReadyVmiAndHaltedRemovesIt() {
    new KubeVirtLab(client).applyTestVm("default");
    var vm = client.genericKubernetesResources(VM).inNamespace("default").withName("testvm");
    vm.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"running\":true}}");

    GenericKubernetesResource vmi = client.genericKubernetesResources(VMI).inNamespace("default")
        .withName("testvm").waitUntilCondition(i -> i != null && "Running".equals(status(i, "phase")),
            90, TimeUnit.SECONDS);
    assertThat((String) vmi.get("status", "nodeName")).isIn(NODES.subList(1, 3));
    assertThat((String) vmi.get("status", "interfaces", 0, "ipAddress")).startsWith("10.244.");
    assertThat(vmi.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("VirtualMachine"));
    assertThat(vm.waitUntilCondition(v -> "Running".equals(status(v, "printableStatus")), 10, TimeUnit.SECONDS)
        .<Boolean>get("status", "ready")).isTrue();

    vm.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"running\":null,\"runStrategy\":\"Halted\"}}");

    assertThat(client.genericKubernetesResources(VMI).inNamespace("default").withName("testvm")
        .waitUntilCondition(i -> i == null, 30, TimeUnit.SECONDS)).isNull();
    assertThat(status(vm.waitUntilCondition(v -> "Stopped".equals(status(v, "printableStatus")), 10,
        TimeUnit.SECONDS), "ready")).isNull();
  }

  @Test
  @Order(5)
  void aDeletedPodIsRemovedAtOnceAndReplaced() {
    Pod victim = client.pods().inNamespace("kubevirt").withLabel("kubevirt.io", "virt-operator").list().getItems()
        .get(0);

    client.pods().resource(victim).delete();

    client.pods().inNamespace("kubevirt").withName(victim.getMetadata().getName())
        .waitUntilCondition(p -> p == null, 20, TimeUnit.SECONDS);
    client.pods().inNamespace("kubevirt").withLabel("kubevirt.io", "virt-operator")
        .informOnCondition(list -> list.size() == 2 && list.stream().allMatch(SimulatedControllersTest::ready))
        .orTimeout(30, TimeUnit.SECONDS).join();
  }

  static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String status(GenericKubernetesResource r, String field) {
    Object v = r.get("status", field);
    return v == null ? null : String.valueOf(v);
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup("kubevirt.io").withVersion("v1").withKind(kind)
        .withPlural(plural).withNamespaced(true).build();
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
