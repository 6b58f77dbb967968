package dev.provision.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.sim.SimulatedControllers;
import dev.provision.lab.sim.SimulationOptions;
import dev.provision.lab.Preflight;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The lab's Kubernetes flow on k3s instead of the lab's kube-apiserver: the same playbook, the same release
 * mirror and SSH hosts, with the kubeconfig pointed at a k3s container. k3s has a real kubelet, but the KubeVirt
 * parts are still the lab's simulated controllers: the k3s node is tainted so that the KubeVirt pods land on the
 * simulated nodes. Needs Docker: elsewhere the class is disabled and says why.
 */
@ExtendWith(K3sKubeVirtFlowTest.SayWhyWithoutDocker.class)
@Testcontainers(disabledWithoutDocker = true)
class K3sKubeVirtFlowTest {

  /** Runs before Testcontainers' own condition, which disables the class silently without Docker. */
  static final class SayWhyWithoutDocker implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (context.getTestMethod().isEmpty() && !DockerClientFactory.instance().isDockerAvailable()) {
        System.out.println("SKIPPED: K3sKubeVirtFlowTest: no Docker engine here, so no k3s container "
            + "(the same flow runs against the lab's real kube-apiserver in KubeVirtLabEndToEndTest)");
      }
      return ConditionEvaluationResult.enabled("Testcontainers decides");
    }
  }

  @Container
  static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.21.14-k3s1"));

  @Test
  void thePlaybookDeploysKubeVirtAndRunsTheVmOnK3sThenChangesNothing() throws Exception {
    Preflight.requireForTests();
    boolean startedLab = LabCli.lab("status").exit() != 0;
    assertThat(LabCli.lab("up").exit()).isZero();
    Path kubeconfig = Files.createTempFile("k3s-kubeconfig", ".yaml");
    Files.writeString(kubeconfig, K3S.getKubeConfigYaml());
    try (KubernetesClient k3s = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build()) {
      for (Node node : k3s.nodes().list().getItems()) {
        k3s.nodes().withName(node.getMetadata().getName()).edit(n -> {
          n.getSpec().getTaints().add(new TaintBuilder().withKey("provision.dev/real-node")
              .withEffect("NoSchedule").build());
          return n;
        });
      }
      try (SimulatedControllers sim = new SimulatedControllers(k3s,
          SimulationOptions.of(List.of("controller", "worker01", "worker02")), System.out::println).start()) {
        LabCli.Run first = LabCli.playbook("-e", "kubeconfig=" + kubeconfig);
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).containsPattern("testvm Running ip=\\S+ node=worker0[12]");
        GenericKubernetesResource kv = k3s.genericKubernetesResources("kubevirt.io/v1", "KubeVirt")
            .inNamespace("kubevirt").withName("kubevirt").get();
        assertThat(kv.get("status", "phase").toString()).isEqualTo("Deployed");
        assertThat((Object) kv.get("spec", "configuration", "developerConfiguration", "useEmulation")).isEqualTo(true);

        LabCli.Run second = LabCli.playbook("-e", "kubeconfig=" + kubeconfig);
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.lines("changed")).isEmpty();
      }
    } finally {
      Files.deleteIfExists(kubeconfig);
      if (startedLab) {
        LabCli.lab("down");
      }
    }
  }
}
