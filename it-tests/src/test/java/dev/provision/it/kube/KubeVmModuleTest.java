package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.lab.kube.KubeVirtLab;
import dev.provision.lab.kube.OrderedApply;
import dev.provision.lab.sim.SimulationFixture;
import dev.provision.module.Diff;
import dev.provision.module.ModuleException;
import dev.provision.modules.kube.KubeVmModule;
import dev.provision.modules.kube.k8s.KubevirtVmInfoModule;
import dev.provision.modules.kube.k8s.KubevirtVmModule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kube_vm against the real kube-apiserver 1.20, KubeVirt played by the lab's simulated controllers. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeVmModuleTest {
  private static final ResourceDefinitionContext KUBEVIRT = context("KubeVirt", "kubevirts");
  private static final ResourceDefinitionContext VM = context("VirtualMachine", "virtualmachines");
  private static final ResourceDefinitionContext VMI = context("VirtualMachineInstance", "virtualmachineinstances");
  private static final Map<String, Object> START = Map.of("name", "testvm", "namespace", "default", "timeout", "1m");
  private static final Map<String, Object> STOP = Map.of("name", "testvm", "namespace", "default",
      "state", "stopped", "timeout", "1m");

  @RegisterExtension
  @Order(1)
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  @RegisterExtension
  @Order(2)
  static final SimulationFixture SIM = SimulationFixture.homeLab(KUBE::client);

  private static KubernetesClient client;
  private static ModuleRunner vm;

  @BeforeAll
  static void kubevirtDeployed() {
    client = KUBE.client();
    KubeVirtLab lab = new KubeVirtLab(client);
    lab.applyOperator();
    lab.applyKubeVirtCr();
    client.genericKubernetesResources(KUBEVIRT).inNamespace("kubevirt").withName("kubevirt")
        .waitUntilCondition(kv -> kv != null && "Deployed".equals(kv.get("status", "phase")), 90, TimeUnit.SECONDS);
    vm = new ModuleRunner(new KubeVmModule(), KUBE.kubeconfig());
  }

  @Test
  @Order(1)
  void aPlanBeforeTheVmExistsPredictsTheStartOnlyWhenAnEarlierTaskMayCreateIt() throws Exception {
    KubeModuleRunner.Outcome plan = vm.planAfterChanges(START);

    assertThat(plan.changed()).isTrue();
    assertThat(plan.plan().message()).isEqualTo("start VirtualMachine default/testvm (it does not exist yet)");
    // nothing earlier would create it: the plan reads what the apply reads, and fails as the apply does
    String notFound = "VirtualMachine default/testvm not found; create it first (e.g. kube_apply of its manifest)";
    assertThatThrownBy(() -> vm.plan(START)).isInstanceOf(ModuleException.class).hasMessage(notFound);
    assertThatThrownBy(() -> vm.apply(START)).isInstanceOf(ModuleException.class).hasMessage(notFound);
  }

  @Test
  @Order(2)
  void startsTheLabsVmMovingItsDeprecatedRunningFieldToRunStrategyAndRegistersIpAndNode() throws Exception {
    new KubeVirtLab(client).applyTestVm("default");

    KubeModuleRunner.Outcome plan = vm.plan(START);
    assertThat(plan.changed()).isTrue();
    assertThat(plan.plan().diffs()).singleElement().isEqualTo(
        Diff.of("VirtualMachine default/testvm", "spec.running: false\n", "spec.runStrategy: Always\n"));
    assertThat(plan.plan().actions().get(0).describe()).isEqualTo("set spec.runStrategy: Always on VirtualMachine"
        + " default/testvm (in place of the deprecated spec.running), then wait up to 1m for"
        + " VirtualMachineInstance default/testvm Running and Ready");

    KubeModuleRunner.Outcome first = vm.apply(START);

    assertThat(first.changed()).isTrue();
    assertThat(first.data()).containsEntry("name", "testvm").containsEntry("phase", "Running")
        .containsEntry("ready", true).containsEntry("run_strategy", "Always");
    assertThat((String) first.data().get("ip")).startsWith("10.244.");
    assertThat((String) first.data().get("node")).isIn("worker01.home.local", "worker02.home.local");
    GenericKubernetesResource stored = client.genericKubernetesResources(VM).inNamespace("default")
        .withName("testvm").get();
    assertThat(stored.<Object>get("spec", "running")).as("the deprecated field is gone").isNull();
    assertThat(stored.<Object>get("spec", "runStrategy")).isEqualTo("Always");
    assertThat(vm.progress()).last().isEqualTo("testvm Running, ready, " + first.data().get("ip") + " on "
        + first.data().get("node"));

    KubeModuleRunner.Outcome second = vm.apply(START);
    assertThat(second.changed()).isFalse();
    assertThat(second.plan().message()).isEqualTo("testvm Running, ready, " + first.data().get("ip") + " on "
        + first.data().get("node"));
    assertThat(second.data()).containsEntry("ip", first.data().get("ip")).containsEntry("node",
        first.data().get("node")).containsEntry("phase", "Running");
    assertThat(vm.plan(START).changed()).isFalse();
  }

  @Test
  @Order(3)
  void stopsTheVmAndWaitsForItsInstanceToGo() throws Exception {
    KubeModuleRunner.Outcome plan = vm.plan(STOP);
    assertThat(plan.changed()).isTrue();
    assertThat(plan.plan().message()).isEqualTo("stop VirtualMachine default/testvm");

    KubeModuleRunner.Outcome first = vm.apply(STOP);

    assertThat(first.changed()).isTrue();
    assertThat(first.data()).containsEntry("phase", "Stopped").containsEntry("ready", false)
        .containsEntry("ip", "").containsEntry("run_strategy", "Halted");
    assertThat(client.genericKubernetesResources(VMI).inNamespace("default").withName("testvm").get()).isNull();
    KubeModuleRunner.Outcome second = vm.apply(STOP);
    assertThat(second.changed()).isFalse();
    assertThat(second.plan().message()).isEqualTo("testvm Stopped");
  }

  @Test
  @Order(4)
  void aVmWithARunStrategyIsStartedThroughItAndWaitFalseDoesNotWait() throws Exception {
    List<HasMetadata> objects = new KubeVirtLab(client).testVm();
    GenericKubernetesResource second = (GenericKubernetesResource) objects.get(0);
    second.getMetadata().setName("strategyvm");
    second.getMetadata().setNamespace("default");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) second.getAdditionalProperties().get("spec");
    spec.remove("running");
    spec.put("runStrategy", "Halted");
    new OrderedApply(client).apply(List.of(second), false);
    Map<String, Object> args = Map.of("name", "strategyvm", "namespace", "default", "wait", false);

    KubeModuleRunner.Outcome plan = vm.plan(args);
    assertThat(plan.plan().diffs()).singleElement().isEqualTo(Diff.of("VirtualMachine default/strategyvm",
        "spec.runStrategy: Halted\n", "spec.runStrategy: Always\n"));
    assertThat(plan.plan().actions().get(0).describe())
        .isEqualTo("set spec.runStrategy: Always on VirtualMachine default/strategyvm");
    assertThat(vm.apply(args).changed()).isTrue();

    assertThat(client.genericKubernetesResources(VM).inNamespace("default").withName("strategyvm").get()
        .<String>get("spec", "runStrategy")).isEqualTo("Always");
    assertThat(vm.apply(args).changed()).as("the spec is as asked; without wait the instance is not awaited")
        .isFalse();
    client.genericKubernetesResources(VMI).inNamespace("default").withName("strategyvm")
        .waitUntilCondition(i -> i != null && "Running".equals(i.get("status", "phase")), 30, TimeUnit.SECONDS);
  }

  @Test
  @Order(5)
  void kubevirtCoreVmIsCreatedWithRunStrategyWaitsForReadyThenHaltsAndItsInfoWaitsForTheSame() throws Exception {
    ModuleRunner kubevirtVm = new ModuleRunner(new KubevirtVmModule(), KUBE.kubeconfig());
    ModuleRunner kubevirtVmInfo = new ModuleRunner(new KubevirtVmInfoModule(), KUBE.kubeconfig());
    Map<String, Object> running = Map.of("name", "corevm", "namespace", "default", "running", true, "wait", true,
        "wait_timeout", 60, "labels", Map.of("app", "corevm"), "spec", Map.of("domain", Map.of("devices", Map.of(),
            "resources", Map.of("requests", Map.of("memory", "64Mi")))));

    KubeModuleRunner.Outcome plan = kubevirtVm.plan(running);
    assertThat(plan.message()).isEqualTo("would create VirtualMachine default/corevm");
    assertThat(plan.plan().actions()).extracting(a -> a.describe()).last().asString()
        .isEqualTo("wait up to 1m for VirtualMachine default/corevm Ready=True");
    KubeModuleRunner.Outcome created = kubevirtVm.apply(running);
    assertThat(created.changed()).isTrue();
    GenericKubernetesResource stored = client.genericKubernetesResources(VM).inNamespace("default")
        .withName("corevm").get();
    assertThat(stored.<Object>get("spec", "runStrategy")).isEqualTo("Always");
    assertThat(stored.<Object>get("spec", "running")).as("never the deprecated field").isNull();
    assertThat(stored.<Object>get("spec", "template", "metadata", "labels", "app")).isEqualTo("corevm");
    assertThat(kubevirtVm.apply(running).changed()).as("created, running and ready: a rerun changes nothing").isFalse();

    KubeModuleRunner.Outcome ready = kubevirtVmInfo.plan(Map.of("name", "corevm", "namespace", "default",
        "wait", true, "wait_timeout", 30));
    assertThat(ready.changed()).isFalse();
    assertThat(ready.plan().result()).containsEntry("api_found", true);
    assertThat(ready.plan().result().get("resources")).asList().hasSize(1);

    Map<String, Object> halted = Map.of("name", "corevm", "namespace", "default", "run_strategy", "Halted",
        "wait", true, "wait_timeout", 60, "labels", Map.of("app", "corevm"), "spec", Map.of("domain",
            Map.of("devices", Map.of(), "resources", Map.of("requests", Map.of("memory", "64Mi")))));
    assertThat(kubevirtVm.apply(halted).changed()).isTrue();
    assertThat(client.genericKubernetesResources(VMI).inNamespace("default").withName("corevm").get())
        .as("halted and waited for: the instance is gone").isNull();
    assertThat(kubevirtVm.apply(halted).changed()).isFalse();
    assertThat(kubevirtVmInfo.plan(Map.of("name", "corevm", "namespace", "default", "running", false, "wait", true,
        "wait_timeout", 30)).plan().result().get("resources")).asList().hasSize(1);

    KubeModuleRunner.Outcome removed = kubevirtVm.apply(Map.of("name", "corevm", "namespace", "default",
        "state", "absent", "wait", true));
    assertThat(removed.changed()).isTrue();
    assertThat(client.genericKubernetesResources(VM).inNamespace("default").withName("corevm").get()).isNull();
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup("kubevirt.io").withVersion("v1").withKind(kind)
        .withPlural(plural).withNamespaced(true).build();
  }
}
