package dev.provision.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.Preflight;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's flow on a fresh lab (`provision lab up`): real sshd hosts, dnf/rpm, virt-host-validate, HTTP
 * release mirror and kube-apiserver; simulated kubelet and KubeVirt controllers. The tests run in order and
 * build on each other: plan, apply, plan again, apply again, then drift and its repair.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeVirtLabEndToEndTest {

  private static final List<String> HOSTS = List.of("controller", "worker01", "worker02");
  private static final Pattern TASK_LINE = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+(.+? › .+?)(?:  .*)?$");
  private static final Pattern VM_LINE = Pattern.compile("testvm Running ip=(\\S+) node=(worker0[12])");

  private KubernetesClient kube;
  private Set<String> plannedOnFreshLab;

  @BeforeAll
  void freshLab() throws IOException {
    Preflight.requireForTests();
    // a fresh lab: whatever an earlier run left is stopped by its recorded PIDs and removed
    assertThat(LabCli.lab("down").exit()).isZero();
    LabCli.Run up = LabCli.lab("up");
    assertThat(up.exit()).as(up.toString()).isZero();
    assertThat(up.out()).contains("SIMULATED: kubelet, virt-operator and virt-controller");
    kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(
        Files.readString(LabCli.repo().resolve(".lab/kube/kubeconfig")))).build();
  }

  @AfterAll
  void down() {
    if (kube != null) {
      kube.close();
    }
    if (System.getenv("PROVISION_LAB_KEEP") == null) {
      LabCli.lab("down");
    }
  }

  @Test
  @Order(1)
  void onAFreshLabThePlanPredictsTheChangesAndExits2() throws Exception {
    LabCli.Run plan = LabCli.playbook("--plan");

    assertThat(plan.exit()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.recap()).containsOnlyKeys(HOSTS);
    assertThat(plan.recap().get("controller")).isEqualTo(new LabCli.Recap(8, 7, 0, 0, 6));
    assertThat(plan.recap().get("worker01")).isEqualTo(new LabCli.Recap(2, 1, 0, 0, 0));
    assertThat(plan.recap().get("worker02")).isEqualTo(new LabCli.Recap(2, 1, 0, 0, 0));
    assertThat(plan.out()).contains("+ install qemu-kvm, libvirt", "+ create Namespace kubevirt (server-side apply)",
        "+ create Deployment kubevirt/virt-operator (server-side apply)", "+ create KubeVirt kubevirt/kubevirt",
        "+ create VirtualMachine default/testvm", "Plan: 9 changed, 6 deferred (known only after apply).");
    assertThat(tasks(plan, "deferred")).contains("controller kubevirt operator › wait until KubeVirt is Deployed",
        "controller virtctl › install virtctl (the version the cluster runs)", "controller test vm › testvm");
    plannedOnFreshLab = new TreeSet<>(tasks(plan, "changed"));
    plannedOnFreshLab.addAll(tasks(plan, "deferred"));

    // and the plan changed nothing
    assertThat(kube.namespaces().withName("kubevirt").get()).isNull();
    for (String host : HOSTS) {
      assertThat(rpm(host, "-q", "qemu-kvm")).as("qemu-kvm on %s", host).isNotZero();
    }
    assertThat(home("controller").resolve(".local/bin")).doesNotExist();
  }

  @Test
  @Order(2)
  void applySucceedsAndTheRecapShowsWhatChanged() throws Exception {
    LabCli.Run apply = LabCli.playbook();

    assertThat(apply.exit()).as(apply.toString()).isZero();
    // a wait reports `changed` when it had to wait and `ok` when its goal already held: timing decides
    List<String> controllerChanged = tasks(apply, "changed").stream().filter(t -> t.startsWith("controller "))
        .map(t -> t.substring("controller ".length())).toList();
    assertThat(controllerChanged.stream().filter(t -> !t.contains(" › wait "))).containsExactlyInAnyOrder(
        "virtualization hosts › install qemu-kvm and libvirt",
        "kubevirt operator › deploy the KubeVirt operator (kubevirt-operator.yaml)",
        "kubevirt operator › create the KubeVirt custom resource (kubevirt-cr.yaml)",
        "kubevirt operator › software emulation for nested VMs (useEmulation)",
        "virtctl › ~/.local/bin",
        "virtctl › install virtctl (the version the cluster runs)",
        "virtctl › kubectl-virt (kubectl plugin name for virtctl)",
        "test vm › create testvm (vm.yaml)",
        "test vm › start testvm and wait until its VMI is Running");
    assertThat(apply.recap().get("controller")).extracting(LabCli.Recap::changed, LabCli.Recap::failed)
        .containsExactly(controllerChanged.size(), 0);
    assertThat(apply.recap().get("worker01")).extracting(LabCli.Recap::changed, LabCli.Recap::failed).containsExactly(1, 0);
    assertThat(apply.recap().get("worker02")).extracting(LabCli.Recap::changed, LabCli.Recap::failed).containsExactly(1, 0);
    assertThat(plannedOnFreshLab).as("every change was predicted (changed or deferred in the plan)")
        .containsAll(tasks(apply, "changed"));
    Matcher vm = VM_LINE.matcher(apply.out());
    assertThat(vm.find()).as("VM line in\n" + apply.out()).isTrue();

    for (String host : HOSTS) {
      assertThat(rpm(host, "-q", "qemu-kvm", "libvirt")).as("packages on %s", host).isZero();
    }
    Path virtctl = home("controller").resolve(".local/bin/virtctl");
    assertThat(Files.isExecutable(virtctl)).isTrue();
    assertThat(output(virtctl.toString(), "version")).contains("GitVersion:\"v0.59.1\"");
    assertThat(Files.readSymbolicLink(home("controller").resolve(".local/bin/kubectl-virt")).toString()).endsWith("/virtctl");
    GenericKubernetesResource kv = kubevirt();
    assertThat(kv.get("status", "phase").toString()).isEqualTo("Deployed");
    assertThat(kv.get("status", "observedKubeVirtVersion").toString()).isEqualTo("v0.59.1");
    assertThat((Object) kv.get("spec", "configuration", "developerConfiguration", "useEmulation")).isEqualTo(true);
    GenericKubernetesResource vmi = vmi();
    assertThat(vmi.get("status", "phase").toString()).isEqualTo("Running");
    assertThat(vmi.get("status", "nodeName").toString()).isEqualTo(vm.group(2));
  }

  @Test
  @Order(3)
  void thenThePlanShowsNoChangeAndExits0() {
    LabCli.Run plan = LabCli.playbook("--plan");

    assertThat(plan.exit()).as(plan.toString()).isZero();
    for (String host : HOSTS) {
      assertThat(plan.recap().get(host)).extracting(LabCli.Recap::changed, LabCli.Recap::deferred, LabCli.Recap::failed)
          .as(host).containsExactly(0, 0, 0);
    }
    assertThat(plan.out()).contains("No changes.");
    assertThat(VM_LINE.matcher(plan.out()).find()).as("the plan reads the running VM").isTrue();
  }

  @Test
  @Order(4)
  void aSecondApplyReportsZeroChanged() {
    LabCli.Run apply = LabCli.playbook();

    assertThat(apply.exit()).as(apply.toString()).isZero();
    for (String host : HOSTS) {
      assertThat(apply.recap().get(host)).extracting(LabCli.Recap::changed, LabCli.Recap::failed).as(host)
          .containsExactly(0, 0);
    }
    assertThat(apply.lines("changed")).isEmpty();
  }

  @Test
  @Order(5)
  void driftIsRepairedAndNothingElseChanges() throws Exception {
    kube.genericKubernetesResources("kubevirt.io/v1", "KubeVirt").inNamespace("kubevirt").withName("kubevirt")
        .patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"configuration\":{\"developerConfiguration\":{\"useEmulation\":false}}}}");
    Files.delete(home("controller").resolve(".local/bin/virtctl"));
    kube.genericKubernetesResources("kubevirt.io/v1", "VirtualMachine").inNamespace("default").withName("testvm")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"running\":false}}");
    kube.genericKubernetesResources("kubevirt.io/v1", "VirtualMachineInstance").inNamespace("default")
        .withName("testvm").waitUntilCondition(vmi -> vmi == null, 60, TimeUnit.SECONDS);

    LabCli.Run apply = LabCli.playbook();

    assertThat(apply.exit()).as(apply.toString()).isZero();
    assertThat(tasks(apply, "changed")).containsExactlyInAnyOrder(
        "controller kubevirt operator › software emulation for nested VMs (useEmulation)",
        "controller virtctl › install virtctl (the version the cluster runs)",
        "controller test vm › start testvm and wait until its VMI is Running");
    assertThat(apply.recap().get("controller").changed()).isEqualTo(3);
    assertThat(apply.recap().get("worker01").changed()).isZero();
    assertThat(apply.recap().get("worker02").changed()).isZero();
    assertThat((Object) kubevirt().get("spec", "configuration", "developerConfiguration", "useEmulation")).isEqualTo(true);
    assertThat(Files.isExecutable(home("controller").resolve(".local/bin/virtctl"))).isTrue();
    assertThat(vmi().get("status", "phase").toString()).isEqualTo("Running");
  }

  /** "host play › task" of the task lines with this status. */
  private static List<String> tasks(LabCli.Run run, String status) {
    return run.lines(status).stream().map(line -> {
      Matcher m = TASK_LINE.matcher(line);
      return m.matches() ? m.group(2) + " " + m.group(3) : line;
    }).toList();
  }

  private GenericKubernetesResource kubevirt() {
    return kube.genericKubernetesResources("kubevirt.io/v1", "KubeVirt").inNamespace("kubevirt").withName("kubevirt").get();
  }

  private GenericKubernetesResource vmi() {
    return kube.genericKubernetesResources("kubevirt.io/v1", "VirtualMachineInstance").inNamespace("default")
        .withName("testvm").get();
  }

  private static Path home(String host) {
    return LabCli.repo().resolve(".lab/hosts").resolve(host).resolve("sysroot/root");
  }

  /** rpm against the host's install root, as its wrapper runs it. */
  private static int rpm(String host, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(LabCli.repo().resolve(".lab/hosts").resolve(host)
        .resolve("bin/rpm").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private static String output(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + text).isZero();
    return text;
  }

}
