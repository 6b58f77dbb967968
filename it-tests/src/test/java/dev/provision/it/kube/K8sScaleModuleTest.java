package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.module.ModuleException;
import dev.provision.modules.kube.k8s.K8sModule;
import dev.provision.modules.kube.k8s.K8sScaleModule;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kubernetes.core.k8s_scale against a real kube-apiserver with its controller-manager (no kubelet: pods
 * never get ready, so a scale up is not waited for; a scale to 0 is).
 */
class K8sScaleModuleTest {

  @RegisterExtension
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  private static KubeModuleRunner runner;
  private final K8sScaleModule scale = new K8sScaleModule();

  @BeforeAll
  static void runner() throws Exception {
    runner = new KubeModuleRunner(KUBE);
    for (String name : new String[] {"web", "idle"}) {
      runner.apply(new K8sModule(), Map.of("definition", """
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: %s, namespace: default}
          spec:
            replicas: 2
            selector: {matchLabels: {app: %s}}
            template:
              metadata: {labels: {app: %s}}
              spec:
                containers: [{name: web, image: nginx}]
          """.formatted(name, name, name)));
    }
  }

  @AfterAll
  static void close() {
    runner.close();
  }

  private static Object replicas() {
    return replicas("web");
  }

  private static Object replicas(String name) {
    return KUBE.client().apps().deployments().inNamespace("default").withName(name).get().getSpec().getReplicas();
  }

  @Test
  void aScaleIsPlannedByTheServerAppliedAndThenUnchangedAndCurrentReplicasGuardsIt() throws Exception {
    Map<String, Object> three = Map.of("kind", "Deployment", "api_version", "apps/v1", "name", "web",
        "namespace", "default", "replicas", 3, "wait", false);

    var plan = runner.plan(scale, three);
    assertThat(plan.message()).isEqualTo("would patch Deployment default/web (replicas 2 → 3)");
    assertThat(replicas()).isEqualTo(2);

    var applied = runner.apply(scale, three);
    assertThat(applied.changed()).isTrue();
    assertThat(replicas()).isEqualTo(3);
    assertThat(((Map<?, ?>) ((Map<?, ?>) applied.data().get("result")).get("spec")).get("replicas")).isEqualTo(3L);
    // the controller-manager follows: the ReplicaSet wants three pods
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (KUBE.client().apps().replicaSets().inNamespace("default").list().getItems().stream()
        .noneMatch(rs -> rs.getSpec().getReplicas() == 3) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(KUBE.client().apps().replicaSets().inNamespace("default").list().getItems())
        .anyMatch(rs -> rs.getSpec().getReplicas() == 3);

    var again = runner.apply(scale, three);
    assertThat(again.changed()).isFalse();
    assertThat(again.message()).isEqualTo("Deployment default/web already has 3 replicas");

    var guarded = runner.apply(scale, Map.of("kind", "Deployment", "api_version", "apps/v1", "name", "web",
        "namespace", "default", "replicas", 1, "current_replicas", 2, "wait", false));
    assertThat(guarded.changed()).isFalse();
    assertThat(replicas()).isEqualTo(3);
  }

  @Test
  void aScaleToZeroWaitsUntilTheControllerHasSeenIt() throws Exception {
    var zero = runner.apply(scale, Map.of("kind", "Deployment", "api_version", "apps/v1", "name", "idle",
        "namespace", "default", "replicas", 0, "wait_timeout", 60));
    assertThat(zero.changed()).isTrue();
    assertThat(replicas("idle")).isEqualTo(0);
    assertThat(zero.data()).containsKey("duration");
    Map<?, ?> status = (Map<?, ?>) ((Map<?, ?>) zero.data().get("result")).get("status");
    assertThat(((Number) status.get("observedGeneration")).longValue()).isPositive();
  }

  @Test
  void aMissingObjectIsAClearError() {
    assertThatThrownBy(() -> runner.plan(scale, Map.of("kind", "Deployment", "api_version", "apps/v1",
        "name", "nope", "namespace", "default", "replicas", 1)))
        .isInstanceOf(ModuleException.class).hasMessage("Deployment default/nope does not exist: nothing to scale");
  }
}
