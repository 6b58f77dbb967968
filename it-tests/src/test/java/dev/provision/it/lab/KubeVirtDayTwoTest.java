package dev.provision.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.kube.KubeVirtLab;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Day two on a fresh lab, one CLI run per step: install KubeVirt v0.58.0, then upgrade to v0.59.1 by changing
 * kubevirt_version (the plan shows the move and the operator's new image; the apply waits until the simulated
 * virt-operator has rolled every component and reports the new observedKubeVirtVersion; virtctl follows); a rerun
 * changes nothing; a jump over a minor version is refused with the reason unless allowed. CDI installed (Available)
 * and removed, CR first. Then KubeVirt removed in the user guide's order (testvm, the CR, the APIService and webhooks,
 * the operator), leaving nothing of it; a rerun changes nothing. Last, the wrong order: KubeVirt installed again and
 * its operator deleted first leaves the CR on its finalizer, which the removal names and does not strip until
 * kubevirt_force_remove_finalizers=true.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeVirtDayTwoTest {

  private static final String CDI = "cdi.yaml";
  private static final String REMOVE = "kubevirt-remove.yaml";
  private static final String FORCE = "kubevirt_force_remove_finalizers=true";
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
  void installsV0580() throws Exception {
    LabCli.Run apply = LabCli.playbook("-e", "kubevirt_version=v0.58.0");

    assertThat(apply.exit()).as(apply.toString()).isZero();
    assertThat(kubevirt().get("status", "observedKubeVirtVersion").toString()).isEqualTo("v0.58.0");
    assertThat(image("virt-api")).endsWith(":v0.58.0");
    assertThat(virtctlVersion()).contains("GitVersion:\"v0.58.0\"");
  }

  @Test
  @Order(2)
  void thePlanOfTheUpgradeShowsTheVersionMoveAndTheOperatorsNewImage() {
    LabCli.Run plan = LabCli.playbook("-e", "kubevirt_version=v0.59.1", "--plan", "--diff");

    assertThat(plan.exit()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.out()).contains("KubeVirt v0.58.0 → v0.59.1", "Deployment kubevirt/virt-operator",
        "quay.io/kubevirt/virt-operator:v0.59.1");
    assertThat(plan.lines("changed")).anyMatch(l -> l.contains("deploy the KubeVirt operator"));
    assertThat(kubevirt().get("status", "observedKubeVirtVersion").toString()).as("the plan changed nothing")
        .isEqualTo("v0.58.0");
  }

  @Test
  @Order(3)
  void theUpgradeWaitsForTheNewObservedVersionAndReplacesVirtctl() throws Exception {
    LabCli.Run apply = LabCli.playbook("-e", "kubevirt_version=v0.59.1");

    assertThat(apply.exit()).as(apply.toString()).isZero();
    GenericKubernetesResource kv = kubevirt();
    assertThat(kv.get("status", "observedKubeVirtVersion").toString()).isEqualTo("v0.59.1");
    assertThat(kv.get("status", "phase").toString()).isEqualTo("Deployed");
    for (String component : new String[] {"virt-api", "virt-controller"}) {
      assertThat(image(component)).as(component).endsWith(":v0.59.1");
    }
    assertThat(kube.apps().daemonSets().inNamespace("kubevirt").withName("virt-handler").get().getSpec()
        .getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":v0.59.1");
    assertThat(virtctlVersion()).contains("GitVersion:\"v0.59.1\"");
    assertThat(apply.lines("changed")).anyMatch(l -> l.contains("install virtctl"));
  }

  @Test
  @Order(4)
  void aRerunOfTheUpgradeChangesNothing() {
    LabCli.Run again = LabCli.playbook("-e", "kubevirt_version=v0.59.1");

    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.lines("changed")).isEmpty();
    LabCli.Run plan = LabCli.playbook("-e", "kubevirt_version=v0.59.1", "--plan");
    assertThat(plan.exit()).as(plan.toString()).isZero();
  }

  @Test
  @Order(5)
  void aJumpOverAMinorVersionIsRefusedWithTheReasonUnlessAllowed() {
    LabCli.Run refused = LabCli.playbook("-e", "kubevirt_version=v0.61.0", "--plan");

    assertThat(refused.exit()).as(refused.toString()).isNotZero().isNotEqualTo(2);
    assertThat(refused.out()).contains("KubeVirt upgrades one minor version at a time: the cluster runs v0.59.1",
        "kubevirt_allow_version_skip=true");
    assertThat(refused.lines("failed")).singleElement().asString().contains("upgrade one minor version at a time");

    LabCli.Run allowed = LabCli.playbook("-e", "kubevirt_version=v0.61.0", "-e", "kubevirt_allow_version_skip=true",
        "--plan");
    assertThat(allowed.lines("ok")).anyMatch(l -> l.contains("upgrade one minor version at a time"));
  }

  @Test
  @Order(6)
  void cdiIsInstalledAndAwaitedUntilAvailableAndARerunChangesNothing() {
    LabCli.Run plan = LabCli.playbookNamed(CDI, "--plan");
    assertThat(plan.exit()).as(plan.toString()).isEqualTo(2);

    LabCli.Run apply = LabCli.playbookNamed(CDI);
    assertThat(apply.exit()).as(apply.toString()).isZero();
    GenericKubernetesResource cdi = cdi();
    assertThat(cdi.get("status", "phase").toString()).isEqualTo("Deployed");
    assertThat(cdi.<java.util.List<java.util.Map<String, Object>>>get("status", "conditions"))
        .anyMatch(c -> "Available".equals(c.get("type")) && "True".equals(c.get("status")));
    assertThat(cdi.getMetadata().getFinalizers()).contains("operator.cdi.kubevirt.io");

    LabCli.Run again = LabCli.playbookNamed(CDI);
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.lines("changed")).isEmpty();
  }

  @Test
  @Order(7)
  void cdiIsRemovedCrFirstThenItsOperator() {
    LabCli.Run plan = LabCli.playbookNamed(CDI, "-e", "cdi_state=absent", "--plan");
    assertThat(plan.exit()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.out().indexOf("delete CDI cdi")).as(plan.out()).isNotNegative()
        .isLessThan(plan.out().indexOf("delete Deployment cdi/cdi-operator"));

    LabCli.Run removed = LabCli.playbookNamed(CDI, "-e", "cdi_state=absent");
    assertThat(removed.exit()).as(removed.toString()).isZero();
    assertThat(kube.namespaces().withName("cdi").get()).isNull();
    assertThat(kube.apiextensions().v1().customResourceDefinitions().withName("cdis.cdi.kubevirt.io").get()).isNull();
    LabCli.Run again = LabCli.playbookNamed(CDI, "-e", "cdi_state=absent");
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.lines("changed")).isEmpty();
  }

  @Test
  @Order(8)
  void thePlanOfTheRemovalListsTheDeletionsInTheGuidesOrderAndChangesNothing() {
    LabCli.Run plan = LabCli.playbookNamed(REMOVE, "--plan");

    assertThat(plan.exit()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.out()).containsSubsequence("delete VirtualMachine default/testvm",
        "delete KubeVirt kubevirt/kubevirt", "delete APIService v1.subresources.kubevirt.io",
        "delete MutatingWebhookConfiguration virt-api-mutator",
        "delete ValidatingWebhookConfiguration virt-operator-validator",
        "delete ValidatingWebhookConfiguration virt-api-validator", "delete Deployment kubevirt/virt-operator",
        "delete CustomResourceDefinition kubevirts.kubevirt.io", "delete Namespace kubevirt");
    assertThat(kubevirt()).as("the plan changed nothing").isNotNull();
    assertThat(kube.genericKubernetesResources("kubevirt.io/v1", "VirtualMachine").inNamespace("default")
        .withName("testvm").get()).isNotNull();
  }

  @Test
  @Order(9)
  void theRemovalLeavesNothingOfKubeVirtAndARerunChangesNothing() {
    LabCli.Run removed = LabCli.playbookNamed(REMOVE);

    assertThat(removed.exit()).as(removed.toString()).isZero();
    assertThat(removed.lines("changed")).as(removed.out()).anyMatch(l -> l.contains("delete testvm"))
        .anyMatch(l -> l.contains("delete the KubeVirt CR")).anyMatch(l -> l.contains("delete the KubeVirt operator"));
    // virt-operator tore down its APIService and webhooks itself, before its finalizer went
    assertThat(removed.lines("ok")).anyMatch(l -> l.contains("delete the APIService v1.subresources.kubevirt.io"));
    assertNothingOfKubeVirtIsLeft();
    assertThat(LabCli.repo().resolve(".lab/hosts/controller/sysroot/root/.local/bin/virtctl")).doesNotExist();

    LabCli.Run again = LabCli.playbookNamed(REMOVE);
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.lines("changed")).isEmpty();
    assertThat(LabCli.playbookNamed(REMOVE, "--plan").exit()).isZero();
  }

  @Test
  @Order(10)
  void withTheOperatorDeletedFirstTheRemovalNamesTheFinalizerAndStripsItOnlyWhenAsked() {
    LabCli.Run install = LabCli.playbook("-e", "kubevirt_version=v0.59.1");
    assertThat(install.exit()).as(install.toString()).isZero();
    assertThat(kubevirt().getMetadata().getFinalizers()).containsExactly("foregroundDeleteKubeVirt");
    // the wrong order: kubectl delete -f kubevirt-operator.yaml before the CR; its Deployment first, so that the
    // simulated operator cannot act on the CR's deletion that the namespace's and the CRD's start
    kube.apps().deployments().inNamespace("kubevirt").withName("virt-operator").delete();
    kube.apps().deployments().inNamespace("kubevirt").withName("virt-operator")
        .waitUntilCondition(d -> d == null, 2, TimeUnit.MINUTES);
    kube.resourceList(new KubeVirtLab(kube).operatorObjects()).delete();

    LabCli.Run refused = LabCli.playbookNamed(REMOVE);
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.out()).contains("is held by finalizer foregroundDeleteKubeVirt",
        "virt-operator is not running", "-e kubevirt_force_remove_finalizers=true");
    assertThat(refused.lines("changed")).as("nothing deleted before the refusal").isEmpty();
    assertThat(kubevirt().getMetadata().getFinalizers()).as("never stripped silently")
        .containsExactly("foregroundDeleteKubeVirt");

    LabCli.Run plan = LabCli.playbookNamed(REMOVE, "-e", FORCE, "--plan");
    assertThat(plan.exit()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.out()).containsSubsequence("remove the KubeVirt CR's finalizers", "delete the KubeVirt CR",
        "delete the CRDs virt-operator made", "delete the APIService v1.subresources.kubevirt.io");

    LabCli.Run recovered = LabCli.playbookNamed(REMOVE, "-e", FORCE);
    assertThat(recovered.exit()).as(recovered.toString()).isZero();
    assertThat(recovered.lines("changed")).anyMatch(l -> l.contains("remove the KubeVirt CR's finalizers"));
    assertNothingOfKubeVirtIsLeft();
    LabCli.Run again = LabCli.playbookNamed(REMOVE, "-e", FORCE);
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.lines("changed")).isEmpty();
  }

  /** No KubeVirt CR, namespace (deleted without waiting: awaited here), CRD, webhook or APIService. */
  private void assertNothingOfKubeVirtIsLeft() {
    assertThat(kube.namespaces().withName("kubevirt").waitUntilCondition(n -> n == null, 3, TimeUnit.MINUTES))
        .as("namespace kubevirt").isNull();
    assertThat(kube.apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(c -> c.getMetadata().getName()).noneMatch(n -> n.endsWith("kubevirt.io"));
    assertThat(kube.genericKubernetesResources("apiregistration.k8s.io/v1", "APIService").list().getItems())
        .extracting(a -> a.getMetadata().getName()).noneMatch(n -> n.contains("kubevirt"));
    assertThat(kube.admissionRegistration().v1().mutatingWebhookConfigurations().list().getItems()).isEmpty();
    assertThat(kube.admissionRegistration().v1().validatingWebhookConfigurations().list().getItems()).isEmpty();
  }

  private GenericKubernetesResource kubevirt() {
    return kube.genericKubernetesResources("kubevirt.io/v1", "KubeVirt").inNamespace("kubevirt").withName("kubevirt")
        .get();
  }

  private GenericKubernetesResource cdi() {
    return kube.genericKubernetesResources("cdi.kubevirt.io/v1beta1", "CDI").withName("cdi").get();
  }

  private String image(String deployment) {
    return kube.apps().deployments().inNamespace("kubevirt").withName(deployment).get().getSpec().getTemplate()
        .getSpec().getContainers().get(0).getImage();
  }

  private static String virtctlVersion() throws Exception {
    Path virtctl = LabCli.repo().resolve(".lab/hosts/controller/sysroot/root/.local/bin/virtctl");
    Process p = new ProcessBuilder(virtctl.toString(), "version").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(text).isZero();
    return text;
  }
}
