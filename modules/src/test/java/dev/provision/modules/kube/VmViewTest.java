package dev.provision.modules.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmViewTest {

  private static final Map<String, Object> RUNNING_VMI = Map.of("metadata", Map.of("name", "testvm"),
      "status", Map.of("phase", "Running", "nodeName", "worker02",
          "interfaces", List.of(Map.of("ipAddress", "10.244.2.9", "name", "default")),
          "conditions", List.of(Map.of("type", "Ready", "status", "True"))));

  @Test
  void theDeprecatedRunningFieldIsReadAndReplacedByRunStrategyInThePatch() {
    VmView view = new VmView(vm(Map.of("running", false)), null);

    assertThat(view.legacyRunning()).isTrue();
    assertThat(view.runStrategy()).isEqualTo("Halted");
    assertThat(view.specMatches(true)).isFalse();
    assertThat(view.patchFor(true)).isEqualTo("{\"spec\":{\"running\":null,\"runStrategy\":\"Always\"}}");
    assertThat(VmView.specLineFor(true)).isEqualTo("spec.runStrategy: Always");
    assertThat(view.specLine()).isEqualTo("spec.running: false");
  }

  @Test
  void theRunStrategyWinsOverNothingAndIsPatchedAsSuch() {
    VmView view = new VmView(vm(Map.of("runStrategy", "Halted")), null);

    assertThat(view.legacyRunning()).isFalse();
    assertThat(view.patchFor(true)).isEqualTo("{\"spec\":{\"runStrategy\":\"Always\"}}");
    assertThat(view.specMatches(false)).isTrue();
    assertThat(view.reached(false)).isTrue();
    assertThat(view.line()).isEqualTo("testvm Stopped");
  }

  @Test
  void rerunOnFailureCountsAsRunning() {
    assertThat(new VmView(vm(Map.of("runStrategy", "RerunOnFailure")), null).specMatches(true)).isTrue();
  }

  @Test
  void aRunningReadyInstanceGivesPhaseIpAndNode() {
    VmView view = new VmView(vm(Map.of("runStrategy", "Always")), RUNNING_VMI);

    assertThat(view.reached(true)).isTrue();
    assertThat(view.result()).containsEntry("name", "testvm").containsEntry("namespace", "default")
        .containsEntry("phase", "Running").containsEntry("ip", "10.244.2.9").containsEntry("node", "worker02")
        .containsEntry("ready", true).containsEntry("run_strategy", "Always");
    assertThat(view.line()).isEqualTo("testvm Running, ready, 10.244.2.9 on worker02");
  }

  @Test
  void aScheduledInstanceIsNotYetReached() {
    VmView view = new VmView(vm(Map.of("runStrategy", "Always")),
        Map.of("metadata", Map.of("name", "testvm"), "status", Map.of("phase", "Scheduling")));

    assertThat(view.reached(true)).isFalse();
    assertThat(VmiRunning.INSTANCE.state(view.vmi())).isEqualTo("phase Scheduling, not ready");
  }

  private static Map<String, Object> vm(Map<String, Object> spec) {
    return Map.of("metadata", Map.of("name", "testvm", "namespace", "default"), "spec", spec);
  }
}
