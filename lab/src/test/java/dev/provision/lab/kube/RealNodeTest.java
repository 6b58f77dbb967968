package dev.provision.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.process.Processes;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lab's real node (lab/kube/node.sh) on a fresh control plane: the kubelet registers a Ready node, containerd
 * runs a busybox pod from the locally built image with an address from the node's pod range, the network guard keeps
 * pod and Service addresses off the default route, a real readiness probe keeps a pod unready, and stop removes the
 * bridge and the routes. Where containerd cannot start this fails with its reason (never a silent pass).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeTest {

  private static final String NS = "default";

  @RegisterExtension
  static final RealNodeFixture NODE = new RealNodeFixture();

  private static KubernetesClient client;

  @BeforeAll
  static void client() {
    client = NODE.client();
    System.out.printf("real node Ready in %.1f s (control plane %.1f s): %s%n", NODE.startup().toMillis() / 1e3,
        NODE.controlPlane().startup().toMillis() / 1e3, NODE.startReport());
  }

  @Test
  @Order(1)
  void theKubeletRegistersAReadyNodeRunByContainerd() {
    Node n = client.nodes().withName(RealNode.NAME).get();

    assertThat(n).isNotNull();
    assertThat(n.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("KubeletReady");
    });
    assertThat(n.getStatus().getNodeInfo().getContainerRuntimeVersion()).startsWith("containerd://1.6");
    assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.20.2");
    assertThat(n.getStatus().getAddresses()).anySatisfy(a -> {
      assertThat(a.getType()).isEqualTo("InternalIP");
      assertThat(a.getAddress()).isEqualTo("10.244.100.1");
    });
    assertThat(n.getSpec().getTaints()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo(RealNode.TAINT_KEY));
  }

  @Test
  @Order(2)
  void aBusyboxPodRunsFromTheLocalImageWithAnAddressOfThePodRange() throws Exception {
    client.pods().inNamespace(NS).resource(pod("bb", List.of("sh", "-c", "echo hello from $(hostname); sleep 3600"),
        false)).create();

    Pod pod = client.pods().inNamespace(NS).withName("bb").waitUntilReady(90, TimeUnit.SECONDS);

    assertThat(pod.getSpec().getNodeName()).isEqualTo(RealNode.NAME);
    assertThat(pod.getStatus().getPodIP()).matches("10\\.244\\.100\\.([2-9]|[1-9][0-9]|1[0-9][0-9]|2[0-5][0-9])");
    assertThat(pod.getStatus().getHostIP()).isEqualTo("10.244.100.1");
    ContainerStatus c = pod.getStatus().getContainerStatuses().get(0);
    assertThat(c.getContainerID()).startsWith("containerd://");
    assertThat(c.getImage()).isEqualTo(RealNode.BUSYBOX_IMAGE);
    assertThat(c.getState().getRunning()).isNotNull();
    // the container's own output, through the API server and the kubelet (its client certificate)
    assertThat(client.pods().inNamespace(NS).withName("bb").getLog()).contains("hello from bb");
    // the address answers on the bridge: the root namespace reaches it directly, not through any gateway
    assertThat(ipRouteGet(pod.getStatus().getPodIP())).contains("dev provcni0").doesNotContain(" via ");
  }

  @Test
  @Order(3)
  void podAndServiceAddressesNeverTakeTheDefaultRoute() throws Exception {
    String defaultRoute = Processes.run(List.of("ip", "route", "show", "default")).strip();
    for (String address : List.of("10.244.7.7", "10.244.255.1", "10.96.0.1", "10.96.0.10", "10.111.2.3")) {
      String out = ipRouteGet(address);
      assertThat(out).as("ip route get " + address + " (default route: " + defaultRoute + ")")
          .contains("No route to host").doesNotContain(" via ");
    }
  }

  @Test
  @Order(4)
  void aRealReadinessProbeThatFailsKeepsThePodUnready() throws Exception {
    client.pods().inNamespace(NS).resource(pod("never-ready", List.of("sleep", "3600"), true)).create();

    // the kubelet has run the probe a few times (period 1 s) once the container runs
    Pod pod = client.pods().inNamespace(NS).withName("never-ready").waitUntilCondition(p -> p.getStatus() != null
        && p.getStatus().getContainerStatuses() != null && !p.getStatus().getContainerStatuses().isEmpty()
        && p.getStatus().getContainerStatuses().get(0).getState().getRunning() != null, 90, TimeUnit.SECONDS);
    Thread.sleep(4000);
    pod = client.pods().inNamespace(NS).withName("never-ready").get();

    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    assertThat(pod.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("ContainersNotReady");
    });
    assertThat(pod.getStatus().getContainerStatuses().get(0).getReady()).isFalse();
  }

  @Test
  @Order(5)
  void stopRemovesTheBridgeAndTheGuardRoutes() throws Exception {
    client.pods().inNamespace(NS).withName("bb").withGracePeriod(0).delete();
    client.pods().inNamespace(NS).withName("never-ready").withGracePeriod(0).delete();

    String report = NODE.stopNode();

    assertThat(report).contains("kubelet: stopped", "containerd: stopped", "bridge: removed provcni0",
        "route: removed unreachable 10.244.0.0/16", "route: removed unreachable 10.96.0.0/12");
    assertThat(Processes.run(List.of("ip", "route", "show", "type", "unreachable"))).doesNotContain("10.244.0.0/16")
        .doesNotContain("10.96.0.0/12");
    assertThat(Processes.run(List.of("ip", "-br", "link"))).doesNotContain("provcni0");
    assertThat(Files.readString(Path.of("/proc/self/mounts")))
        .doesNotContain(NODE.controlPlane().stateDir().resolve("node") + "/");
  }

  private static Pod pod(String name, List<String> command, boolean failingProbe) {
    PodSpecBuilder spec = RealNodeFixture.busyboxPod(name, command.toArray(String[]::new));
    if (failingProbe) {
      spec.editFirstContainer().withNewReadinessProbe().withNewExec().withCommand("false").endExec()
          .withPeriodSeconds(1).endReadinessProbe().endContainer();
    }
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withSpec(spec.build()).build();
  }

  /** {@code ip route get ADDRESS}'s answer, or its error ("No route to host" for an unreachable route). */
  private static String ipRouteGet(String address) throws Exception {
    Process p = new ProcessBuilder("ip", "route", "get", address).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }
}
