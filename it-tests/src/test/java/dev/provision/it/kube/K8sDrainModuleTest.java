package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.module.ModuleException;
import dev.provision.modules.kube.k8s.K8sDrainModule;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kubernetes.core.k8s_drain's cordon and uncordon on a real kube-apiserver's Node object. */
class K8sDrainModuleTest {

  @RegisterExtension
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  private static KubeModuleRunner runner;
  private final K8sDrainModule drain = new K8sDrainModule();

  @BeforeAll
  static void runner() {
    runner = new KubeModuleRunner(KUBE);
    KUBE.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-1").endMetadata().build())
        .create();
  }

  @AfterAll
  static void close() {
    runner.close();
  }

  private static Boolean unschedulable() {
    return KUBE.client().nodes().withName("worker-1").get().getSpec().getUnschedulable();
  }

  @Test
  void cordonIsPlannedAppliedThenUnchangedAndUncordonUndoesIt() throws Exception {
    Map<String, Object> cordon = Map.of("name", "worker-1", "state", "cordon");

    var plan = runner.plan(drain, cordon);
    assertThat(plan.message()).isEqualTo("would patch Node worker-1 (cordon)");
    assertThat(plan.plan().result()).containsEntry("result", "node worker-1 marked unschedulable.");
    assertThat(unschedulable()).isNotEqualTo(Boolean.TRUE);

    var applied = runner.apply(drain, cordon);
    assertThat(applied.changed()).isTrue();
    assertThat(applied.data()).containsEntry("result", "node worker-1 marked unschedulable.");
    assertThat(unschedulable()).isTrue();

    var again = runner.apply(drain, cordon);
    assertThat(again.changed()).isFalse();
    assertThat(again.data()).containsEntry("result", "node worker-1 already marked unschedulable.");

    var uncordon = runner.apply(drain, Map.of("name", "worker-1", "state", "uncordon"));
    assertThat(uncordon.changed()).isTrue();
    assertThat(uncordon.data()).containsEntry("result", "node worker-1 marked schedulable.");
    assertThat(unschedulable()).isNotEqualTo(Boolean.TRUE);
    assertThat(runner.apply(drain, Map.of("name", "worker-1", "state", "uncordon")).changed()).isFalse();
  }

  @Test
  void anUnknownNodeAndStateDrainAreClearErrors() {
    assertThatThrownBy(() -> runner.plan(drain, Map.of("name", "nope", "state", "cordon")))
        .isInstanceOf(ModuleException.class).hasMessage("Node nope does not exist");
    assertThatThrownBy(() -> runner.plan(drain, Map.of("name", "worker-1")))
        .isInstanceOf(ModuleException.class).hasMessageContaining("state: drain of kubernetes.core.k8s_drain is not"
            + " supported yet");
  }
}
