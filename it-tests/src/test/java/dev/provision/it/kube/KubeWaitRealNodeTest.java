package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.kube.RealNodeFixture;
import dev.provision.module.ModuleException;
import dev.provision.modules.kube.KubeWaitModule;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kube_wait on pods that a real kubelet runs (the lab's real node, lab/kube/node.sh): a Deployment's rollout, a
 * pod whose real readiness probe fails and a pod whose image is not on the node. The states in the results and
 * timeout messages are the kubelet's, not a simulation's.
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
}
