package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.kube.RealNodeFixture;
import dev.provision.module.ModuleException;
import dev.provision.modules.kube.KubeWaitModule;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kube_wait on pods that a real kubelet runs (the lab's real node, lab/kube/node.sh): a Deployment's and a
 * DaemonSet's rollout, a pod whose real readiness probe fails, a pod whose image is not on the node and one in
 * CrashLoopBackOff. The states in the results and timeout messages are the kubelet's, not a simulation's.
 */
class KubeWaitRealNodeTest {
  private static final String NS = "default";

  @RegisterExtension
  static final RealNodeFixture NODE = new RealNodeFixture();

  private static KubernetesClient client;
  private static ModuleRunner wait;

  @BeforeAll
  static void runner() {
    client = NODE.client();
    wait = new ModuleRunner(new KubeWaitModule(), NODE.kubeconfig());
  }

  @Test
  void waitsForARealDeploymentRollout() throws Exception {
    // ready 3 s after the start, by a real exec probe: the rollout is still going when kube_wait starts
    PodSpecBuilder spec = RealNodeFixture.busyboxPod("web", "sh", "-c", "sleep 3; touch /tmp/ready; sleep 3600");
    spec.editFirstContainer().withNewReadinessProbe().withNewExec().withCommand("cat", "/tmp/ready").endExec()
        .withPeriodSeconds(1).endReadinessProbe().endContainer();
    client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("web")
        .withNamespace(NS).endMetadata().withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "web")
        .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withSpec(spec.build()).endTemplate().endSpec().build()).create();

    KubeModuleRunner.Outcome applied = wait.apply(Map.of("kind", "Deployment", "namespace", NS, "name", "web",
        "timeout", "2m"));

    assertThat(applied.changed()).as("a fresh rollout is waited for: %s", applied.data()).isTrue();
    assertThat(applied.data()).containsEntry("state", "Deployment default/web: 2/2 ready");
    List<Pod> pods = client.pods().inNamespace(NS).withLabel("app", "web").list().getItems();
    assertThat(pods).hasSize(2).allSatisfy(p -> {
      assertThat(p.getSpec().getNodeName()).isEqualTo("node01");
      assertThat(p.getStatus().getPodIP()).startsWith("10.244.100.");
      assertThat(p.getStatus().getContainerStatuses().get(0).getContainerID()).startsWith("containerd://");
    });
    assertThat(wait.apply(Map.of("kind", "Deployment", "namespace", NS, "name", "web")).changed()).isFalse();
  }

  @Test
  void aPodWhoseReadinessProbeFailsTimesOutWithItsState() {
    PodSpecBuilder spec = RealNodeFixture.busyboxPod("never-ready", "sleep", "3600");
    spec.editFirstContainer().withNewReadinessProbe().withNewExec().withCommand("false").endExec()
        .withPeriodSeconds(1).endReadinessProbe().endContainer();
    client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("never-ready")
        .withNamespace(NS).endMetadata().withSpec(spec.build()).build()).create();

    assertThatThrownBy(() -> wait.apply(Map.of("kind", "Pod", "namespace", NS, "name", "never-ready",
        "timeout", "10s")))
        .isInstanceOf(ModuleException.class)
        .hasMessage("timed out after 10s waiting for Pod default/never-ready ready;"
            + " last seen: Pod default/never-ready: Running, not ready: ContainersNotReady");
  }

  @Test
  void aPodWhoseImageIsNotOnTheNodeTimesOutWithTheKubeletsReason() {
    PodSpecBuilder spec = RealNodeFixture.busyboxPod("no-image", "sleep", "3600");
    spec.editFirstContainer().withImage("provision.lab/not-built:1").endContainer();
    client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("no-image")
        .withNamespace(NS).endMetadata().withSpec(spec.build()).build()).create();

    assertThatThrownBy(() -> wait.apply(Map.of("kind", "Pod", "namespace", NS, "name", "no-image",
        "timeout", "10s")))
        .isInstanceOf(ModuleException.class)
        .hasMessage("timed out after 10s waiting for Pod default/no-image ready;"
            + " last seen: Pod default/no-image: ErrImageNeverPull");
  }

  @Test
  void waitsForARealDaemonSetRollout() throws Exception {
    // the node selector of busyboxPod keeps it to the real node: one pod, ready 3 s after its start
    PodSpecBuilder spec = RealNodeFixture.busyboxPod("agent", "sh", "-c", "sleep 3; touch /tmp/ready; sleep 3600");
    spec.editFirstContainer().withNewReadinessProbe().withNewExec().withCommand("cat", "/tmp/ready").endExec()
        .withPeriodSeconds(1).endReadinessProbe().endContainer();
    client.apps().daemonSets().inNamespace(NS).resource(new DaemonSetBuilder().withNewMetadata().withName("agent")
        .withNamespace(NS).endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "agent")
        .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
        .withSpec(spec.build()).endTemplate().endSpec().build()).create();

    KubeModuleRunner.Outcome applied = wait.apply(Map.of("kind", "DaemonSet", "namespace", NS, "name", "agent",
        "timeout", "2m"));

    assertThat(applied.changed()).as("a fresh rollout is waited for: %s", applied.data()).isTrue();
    assertThat(applied.data()).containsEntry("state", "DaemonSet default/agent: 1/1 ready");
    List<Pod> pods = client.pods().inNamespace(NS).withLabel("app", "agent").list().getItems();
    assertThat(pods).singleElement().satisfies(p -> {
      assertThat(p.getSpec().getNodeName()).isEqualTo("node01");
      assertThat(p.getStatus().getPodIP()).startsWith("10.244.100.");
      assertThat(p.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
    });
    assertThat(wait.apply(Map.of("kind", "DaemonSet", "namespace", NS, "name", "agent")).changed()).isFalse();
  }

  @Test
  void aCrashLoopingPodTimesOutSayingCrashLoopBackOff() throws Exception {
    PodSpecBuilder spec = RealNodeFixture.busyboxPod("crash", "sh", "-c", "exit 1").withRestartPolicy("Always");
    client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("crash")
        .withNamespace(NS).endMetadata().withSpec(spec.build()).build()).create();
    // the kubelet's back-off doubles from 10 s; once restarted twice it is at least 20 s, so the state holds still
    // for the whole 5 s wait (at 1 restart the 10 s back-off left only a few seconds of margin)
    ContainerStatus backingOff = crashLoopBackOff("crash", 2, Duration.ofSeconds(90));

    assertThatThrownBy(() -> wait.apply(Map.of("kind", "Pod", "namespace", NS, "name", "crash",
        "timeout", "5s")))
        .isInstanceOf(ModuleException.class)
        .hasMessage("timed out after 5s waiting for Pod default/crash ready;"
            + " last seen: Pod default/crash: CrashLoopBackOff (restarts: " + backingOff.getRestartCount()
            + ", last exit code 1)");
  }

  /** The pod's container once the kubelet has it in CrashLoopBackOff after at least {@code restarts} restarts. */
  private static ContainerStatus crashLoopBackOff(String pod, int restarts, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    String last = "no status";
    while (System.nanoTime() < deadline) {
      Pod p = client.pods().inNamespace(NS).withName(pod).get();
      List<ContainerStatus> statuses = p.getStatus().getContainerStatuses();
      if (statuses != null && !statuses.isEmpty()) {
        ContainerStatus c = statuses.get(0);
        last = c.toString();
        if (c.getState().getWaiting() != null && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason())
            && c.getRestartCount() >= restarts) {
          return c;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the kubelet did not put " + pod + " in CrashLoopBackOff with " + restarts
        + " restarts within " + within + "; last: " + last);
  }
}
