package dev.provision.modules.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 409 status body of a server-side apply conflict, as kube-apiserver 1.20 sends it. */
class KubeErrorsTest {

  private static Status conflict() {
    return new StatusBuilder().withStatus("Failure").withReason("Conflict").withCode(409)
        .withMessage("Apply failed with 2 conflicts: conflicts with \"kubectl-edit\" using v1:\n- .data.owner\n- .data.size")
        .withNewDetails().withName("shared").withKind("configmaps")
        .addNewCause().withReason("FieldManagerConflict").withMessage("conflict with \"kubectl-edit\" using v1")
        .withField(".data.owner").endCause()
        .addNewCause().withReason("FieldManagerConflict").withMessage("conflict with \"kubectl-edit\" using v1")
        .withField(".data.size").endCause()
        .addNewCause().withReason("FieldManagerConflict").withMessage("conflict with \"helm\"").withField(".metadata.labels.app")
        .endCause()
        .endDetails().build();
  }

  @Test
  void conflictCausesGiveTheOwningManagerPerField() {
    assertThat(KubeErrors.conflicts(conflict())).containsExactly(
        new KubeErrors.FieldConflict("kubectl-edit", ".data.owner"),
        new KubeErrors.FieldConflict("kubectl-edit", ".data.size"),
        new KubeErrors.FieldConflict("helm", ".metadata.labels.app"));
  }

  @Test
  void theFailureMessageGroupsFieldsByManagerAndHintsForce() {
    var e = KubeErrors.failure("apply ConfigMap default/shared", new KubernetesClientException("conflict", 409, conflict()));
    assertThat(e.getMessage()).isEqualTo("apply conflict on apply ConfigMap default/shared: fields .data.owner, .data.size"
        + " are owned by field manager `kubectl-edit`; field .metadata.labels.app is owned by field manager `helm`."
        + " Set force_conflicts: true to take them over, or leave them out of the manifest");
    assertThat(e.data()).containsKey("conflicts");
  }

  @Test
  void otherFailuresQuoteTheServerMessageAndCode() {
    Status notFound = new StatusBuilder().withCode(404).withMessage("namespaces \"x\" not found").build();
    var e = KubeErrors.failure("read ConfigMap x/c", new KubernetesClientException("nf", 404, notFound));
    assertThat(e.getMessage()).isEqualTo("cannot read ConfigMap x/c (HTTP 404): namespaces \"x\" not found");
    assertThat(KubeErrors.conflicts(notFound)).isEqualTo(List.of());
  }

  @Test
  void onlyTransientCodesAreRetriedAndConflictsOnlyWhenAsked() {
    assertThat(Retry.retryable(503, false)).isTrue();
    assertThat(Retry.retryable(500, false)).isTrue();
    assertThat(Retry.retryable(409, false)).isFalse();
    assertThat(Retry.retryable(409, true)).isTrue();
    assertThat(Retry.retryable(404, true)).isFalse();
  }
}
