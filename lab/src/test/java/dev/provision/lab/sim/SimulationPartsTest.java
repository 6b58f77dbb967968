package dev.provision.lab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationPartsTest {

  @Test
  void theKubeVirtVersionIsTheOperatorImageTagOrItsEnvironmentForADigest() {
    assertThat(FakeVirtOperator.version(new ContainerBuilder()
        .withImage("quay.io/kubevirt/virt-operator:v0.59.1").build())).isEqualTo("v0.59.1");
    assertThat(FakeVirtOperator.version(new ContainerBuilder()
        .withImage("registry.local:5000/kubevirt/virt-operator@sha256:abc")
        .addNewEnv().withName("KUBEVIRT_VERSION").withValue("v0.58.0").endEnv().build())).isEqualTo("v0.58.0");
    assertThat(FakeVirtOperator.version(new ContainerBuilder().withImage("registry.local:5000/virt-operator")
        .build())).isEqualTo("unknown");
    assertThat(FakeVirtOperator.registry("registry.local:5000/kubevirt/virt-operator:v0.58.0"))
        .isEqualTo("registry.local:5000/kubevirt");
  }

  @Test
  void addressesAreFakePrivateStableAndDistinctPerNode() {
    AddressPool pool = new AddressPool(List.of("controller", "worker01"));

    String a = pool.podIp("uid-a", "worker01");
    String b = pool.podIp("uid-b", "worker01");

    assertThat(a).startsWith("10.244.1.").isNotEqualTo(b);
    assertThat(pool.podIp("uid-a", "worker01")).isEqualTo(a);
    assertThat(pool.podIp("uid-c", "controller")).startsWith("10.244.0.");
    assertThat(pool.nodeIp("worker01")).isEqualTo("10.10.0.12");
    assertThat(AddressPool.mac("uid-a")).matches("52:54:00(:[0-9a-f]{2}){3}");
  }

  @Test
  void theHomeLabPutsVmsOnTheWorkersAndOptionsCheckTheirNodes() {
    SimulationOptions home = SimulationOptions.homeLab();

    assertThat(home.nodes()).containsExactly("controller.home.local", "worker01.home.local", "worker02.home.local");
    assertThat(home.vmNodes()).containsExactly("worker01.home.local", "worker02.home.local");
    assertThat(SimulationOptions.of(List.of("solo")).vmNodes()).containsExactly("solo");
    assertThatThrownBy(() -> new SimulationOptions(List.of("a"), List.of("b"), home.heartbeat(), home.resync()))
        .hasMessageContaining("must be among the nodes");
  }

  @Test
  void leaseTimesHaveMicroseconds() {
    assertThat(Writes.nowMicros()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
  }

  @Test
  void aVmIsReadAsVirtControllerReadsItWithTheSimulationsOwnCode() {
    assertThat(FakeVirtController.runStrategy(vm(Map.of("running", true)))).isEqualTo("Always");
    assertThat(FakeVirtController.runStrategy(vm(Map.of("running", false)))).isEqualTo("Halted");
    assertThat(FakeVirtController.runStrategy(vm(Map.of("running", true, "runStrategy", "Manual"))))
        .as("runStrategy wins over the legacy field").isEqualTo("Manual");
    assertThat(FakeVirtController.runStrategy(vm(Map.of()))).isEqualTo("Halted");
    assertThat(FakeVirtController.wantsRunning("RerunOnFailure")).isTrue();
    assertThat(FakeVirtController.wantsRunning("Manual")).isFalse();
  }

  @Test
  void aVmiRunsWhenItsPhaseIsRunningAndItsReadyConditionTrue() {
    assertThat(FakeVirtController.runningAndReady(vmi("Running", "True"))).isTrue();
    assertThat(FakeVirtController.runningAndReady(vmi("Running", "False"))).isFalse();
    assertThat(FakeVirtController.runningAndReady(vmi("Scheduling", "True"))).isFalse();
    GenericKubernetesResource bare = new GenericKubernetesResource();
    assertThat(FakeVirtController.runningAndReady(bare)).isFalse();
    assertThat(FakeVirtController.runningAndReady(null)).isFalse();
  }

  private static GenericKubernetesResource vm(Map<String, Object> spec) {
    GenericKubernetesResource vm = new GenericKubernetesResource();
    vm.setAdditionalProperty("spec", spec);
    return vm;
  }

  private static GenericKubernetesResource vmi(String phase, String ready) {
    GenericKubernetesResource vmi = new GenericKubernetesResource();
    vmi.setAdditionalProperty("status", Map.of("phase", phase, "conditions", List.of(
        Map.of("type", "LiveMigratable", "status", "False"), Map.of("type", "Ready", "status", ready))));
    return vmi;
  }
}
