package dev.provision.modules.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaitGoalTest {

  private static final WaitGoal PODS_READY =
      new WaitGoal("Pod", "pods with kubevirt.io=virt-operator in kubevirt", new Readiness("Pod"), 1, false, false);

  @Test
  void podsAreReadyWhenEveryOneHasReadyTrue() {
    Observation seen = PODS_READY.judge(List.of(pod("virt-operator-a", "Running", "True", "worker01"),
        pod("virt-operator-b", "Running", "True", "worker02")));

    assertThat(seen.met()).isTrue();
    assertThat(seen.line()).isEqualTo("2/2 pods ready");
    assertThat(seen.result()).containsEntry("total", 2).containsEntry("matched", 2);
  }

  @Test
  void theLineNamesThePodsThatAreNotReadyAndWhy() {
    Observation seen = PODS_READY.judge(List.of(pod("virt-operator-a", "Running", "True", "worker01"),
        pod("virt-operator-b", "Pending", null, null),
        withWaiting(pod("virt-operator-c", "Pending", "False", "worker02"), "ContainerCreating")));

    assertThat(seen.met()).isFalse();
    assertThat(seen.line()).isEqualTo(
        "1/3 pods ready: virt-operator-b Pending (unscheduled), virt-operator-c ContainerCreating");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCrashLoopingPodSaysSoWithItsRestartsAndLastExitCode() {
    Map<String, Object> crashing = pod("crash", "Running", "False", "node01");
    ((Map<String, Object>) crashing.get("status")).put("containerStatuses", List.of(Map.of("name", "c",
        "restartCount", 2, "state", Map.of("waiting", Map.of("reason", "CrashLoopBackOff",
            "message", "back-off 20s restarting failed container=c")),
        "lastState", Map.of("terminated", Map.of("exitCode", 1, "reason", "Error")))));
    WaitGoal one = new WaitGoal("Pod", "Pod default/crash", new Readiness("Pod"), 1, false, true);

    Observation seen = one.judge(List.of(crashing));

    assertThat(seen.met()).isFalse();
    assertThat(seen.line()).isEqualTo("Pod default/crash: CrashLoopBackOff (restarts: 2, last exit code 1)");
    assertThat(Readiness.podState(withWaiting(pod("fresh", "Pending", "False", "n"), "ContainerCreating")))
        .as("a container that has not run yet has no restarts to show").isEqualTo("ContainerCreating");
  }

  @Test
  void noPodsIsNotReady() {
    Observation seen = PODS_READY.judge(List.of());

    assertThat(seen.met()).isFalse();
    assertThat(seen.line()).isEqualTo("no pods with kubevirt.io=virt-operator in kubevirt yet");
  }

  @Test
  void fewerThanMinIsNotReadyEvenIfAllAre() {
    WaitGoal two = new WaitGoal("Pod", "pods in kubevirt", new Readiness("Pod"), 2, false, false);

    Observation seen = two.judge(List.of(pod("a", "Running", "True", "n")));

    assertThat(seen.met()).isFalse();
    assertThat(seen.line()).isEqualTo("1/1 pods ready, waiting for at least 2");
  }

  @Test
  void terminatingAndCompletedPodsDoNotCount() {
    Map<String, Object> old = pod("old", "Running", "False", "n");
    ((Map<String, Object>) old.get("metadata")).put("deletionTimestamp", "2026-01-01T00:00:00Z");

    Observation seen = PODS_READY.judge(List.of(old, pod("job", "Succeeded", "False", "n"),
        pod("new", "Running", "True", "n")));

    assertThat(seen.met()).isTrue();
    assertThat(seen.line()).isEqualTo("1/1 pods ready");
  }

  @Test
  void aFieldOfANamedObjectMustEqualTheValue() {
    WaitGoal deployed = new WaitGoal("KubeVirt", "KubeVirt kubevirt/kubevirt",
        new FieldEquals(ObjectPath.parse(".status.phase"), "Deployed"), 1, false, true);

    Observation deploying = deployed.judge(List.of(object("kubevirt", Map.of("phase", "Deploying"))));
    Observation done = deployed.judge(List.of(object("kubevirt", Map.of("phase", "Deployed"))));
    Observation missing = deployed.judge(List.of());

    assertThat(deploying.met()).isFalse();
    assertThat(deploying.line()).isEqualTo("KubeVirt kubevirt/kubevirt: .status.phase = Deploying");
    assertThat(done.met()).isTrue();
    assertThat(done.result()).containsEntry("value", "Deployed");
    assertThat(missing.line()).isEqualTo("KubeVirt kubevirt/kubevirt does not exist yet");
    assertThat(deployed.describe()).isEqualTo("KubeVirt kubevirt/kubevirt .status.phase = Deployed");
  }

  @Test
  void aConditionMustHaveTheStatusAndTheLineShowsTheReason() {
    WaitGoal available = new WaitGoal("KubeVirt", "KubeVirt kubevirt/kubevirt",
        new ConditionStatus("Available", "True"), 1, false, true);
    Map<String, Object> progressing = object("kubevirt", Map.of("conditions", List.of(
        Map.of("type", "Available", "status", "False", "reason", "DeploymentInProgress"))));
    Map<String, Object> ready = object("kubevirt", Map.of("conditions", List.of(
        Map.of("type", "Progressing", "status", "False"), Map.of("type", "Available", "status", "True"))));

    assertThat(available.judge(List.of(progressing)).line())
        .isEqualTo("KubeVirt kubevirt/kubevirt: Available=False (DeploymentInProgress)");
    assertThat(available.judge(List.of(object("kubevirt", Map.of()))).line())
        .endsWith(": no Available condition");
    assertThat(available.judge(List.of(ready)).met()).isTrue();
  }

  @Test
  void absentIsMetOnlyWhenNothingIsLeft() {
    WaitGoal gone = new WaitGoal("Pod", "pods in x", new Readiness("Pod"), 1, true, false);

    assertThat(gone.judge(List.of(pod("a", "Running", "True", "n"))).line())
        .isEqualTo("1 of pods in x still present: a");
    assertThat(gone.judge(List.of()).met()).isTrue();
  }

  @Test
  void deploymentsAreReadyWhenTheirObservedGenerationsReplicasAre() {
    Readiness ready = new Readiness("Deployment");
    Map<String, Object> rolling = new LinkedHashMap<>(Map.of("metadata", Map.of("name", "d", "generation", 2),
        "spec", Map.of("replicas", 2),
        "status", Map.of("observedGeneration", 1, "readyReplicas", 2, "updatedReplicas", 2)));
    Map<String, Object> done = new LinkedHashMap<>(Map.of("metadata", Map.of("name", "d", "generation", 2),
        "spec", Map.of("replicas", 2),
        "status", Map.of("observedGeneration", 2, "readyReplicas", 2, "updatedReplicas", 2)));

    assertThat(ready.holds(rolling)).isFalse();
    assertThat(ready.state(rolling)).isEqualTo("2/2 ready, new generation not yet observed");
    assertThat(ready.holds(done)).isTrue();
  }

  static Map<String, Object> pod(String name, String phase, String ready, String node) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", phase);
    if (ready != null) {
      status.put("conditions", List.of(Map.of("type", "Ready", "status", ready)));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    if (node != null) {
      spec.put("nodeName", node);
    }
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
    pod.put("spec", spec);
    pod.put("status", status);
    return pod;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withWaiting(Map<String, Object> pod, String reason) {
    ((Map<String, Object>) pod.get("status")).put("containerStatuses",
        List.of(Map.of("name", "c", "state", Map.of("waiting", Map.of("reason", reason)))));
    return pod;
  }

  private static Map<String, Object> object(String name, Map<String, Object> status) {
    return Map.of("metadata", Map.of("name", name, "namespace", "kubevirt"), "status", status);
  }
}
