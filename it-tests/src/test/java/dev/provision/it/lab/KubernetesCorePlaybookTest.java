package dev.provision.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * playbooks/kubevirt-kubernetes-core.yaml, written with kubernetes.core's module names only, on a fresh lab:
 * plan exit 2, apply, plan exit 0, apply changes nothing; the objects are those of playbooks/kubevirt.yaml
 * (its plan then finds the operator and the CR unchanged); and Debian's ansible with kubernetes.core and
 * python3-kubernetes, run in check mode on the same playbook, finds nothing to change either.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesCorePlaybookTest {

  private static final String PLAYBOOK = "kubevirt-kubernetes-core.yaml";
  private KubernetesClient kube;

  @BeforeAll
  void freshLab() throws IOException {
    kube = LabCli.freshLab();
  }

  @AfterAll
  void down() {
    LabCli.down(kube);
  }

  @Test
  @Order(1)
  void onAFreshLabThePlanPredictsTheOperatorAndTheCrAndExits2() {
    LabCli.Run plan = LabCli.playbookNamed(PLAYBOOK, "--plan");

    assertThat(plan.exit()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.out()).contains("+ create Namespace kubevirt (server-side apply)",
        "+ create Deployment kubevirt/virt-operator (server-side apply)", "+ create KubeVirt kubevirt/kubevirt");
    assertThat(kube.namespaces().withName("kubevirt").get()).as("the plan changed nothing").isNull();
  }

  @Test
  @Order(2)
  void applyInstallsKubeVirtWaitsForAvailableAndSetsEmulation() {
    LabCli.Run apply = LabCli.playbookNamed(PLAYBOOK);

    assertThat(apply.exit()).as(apply.toString()).isZero();
    assertThat(apply.recap().get("controller")).extracting(LabCli.Recap::failed).isEqualTo(0);
    GenericKubernetesResource kv = kube.genericKubernetesResources("kubevirt.io/v1", "KubeVirt")
        .inNamespace("kubevirt").withName("kubevirt").get();
    assertThat(kv.get("status", "observedKubeVirtVersion").toString()).isEqualTo("v0.59.1");
    assertThat(kv.<java.util.List<java.util.Map<String, Object>>>get("status", "conditions"))
        .anyMatch(c -> "Available".equals(c.get("type")) && "True".equals(c.get("status")));
    assertThat((Object) kv.get("spec", "configuration", "developerConfiguration", "useEmulation")).isEqualTo(true);
  }

  @Test
  @Order(3)
  void thenThePlanExits0AndASecondApplyChangesNothing() {
    LabCli.Run plan = LabCli.playbookNamed(PLAYBOOK, "--plan");
    assertThat(plan.exit()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("No changes.");

    LabCli.Run again = LabCli.playbookNamed(PLAYBOOK);
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.recap().get("controller")).extracting(LabCli.Recap::changed, LabCli.Recap::failed)
        .containsExactly(0, 0);
  }

  @Test
  @Order(4)
  void theObjectsAreThoseOfProvisionsOwnPlaybook() {
    LabCli.Run plan = LabCli.playbook("--plan");

    List<String> operatorTasks = plan.out().lines().filter(l -> l.contains("kubevirt operator › deploy the KubeVirt")
        || l.contains("kubevirt operator › create the KubeVirt custom resource")
        || l.contains("kubevirt operator › software emulation")).toList();
    assertThat(operatorTasks).as(plan.toString()).hasSize(3).allMatch(l -> l.startsWith("ok "));
  }

  @Test
  @Order(5)
  void ansibleWithKubernetesCoreFindsNothingToChangeOnTheSamePlaybook() throws Exception {
    Assumptions.assumeTrue(System.getenv("CI") != null || Files.isExecutable(Path.of("/usr/bin/ansible-playbook")),
        "ansible-playbook is not installed (lab/prereqs.sh installs ansible and python3-kubernetes)");
    Path repo = LabCli.repo();
    List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", repo.resolve("inventory/lab").toString(),
        "-e", "ansible_connection=local", "-e", "ansible_python_interpreter=/usr/bin/python3", "--check",
        repo.resolve("playbooks").resolve(PLAYBOOK).toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("K8S_AUTH_KUBECONFIG", repo.resolve(".lab/kube/kubeconfig").toString());
    pb.environment().put("ANSIBLE_NOCOLOR", "1");
    pb.environment().put("ANSIBLE_HOST_KEY_CHECKING", "False");
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    System.out.println("$ " + String.join(" ", command) + "\n" + out);

    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).as(out).containsPattern("controller\\s+: ok=\\d+\\s+changed=0\\s+unreachable=0\\s+failed=0");
  }
}
