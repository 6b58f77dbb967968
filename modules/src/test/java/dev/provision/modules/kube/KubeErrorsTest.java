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
    var e = KubeErrors.failure("apply ConfigMap default/shared", null, new KubernetesClientException("conflict", 409, conflict()));
    assertThat(e.getMessage()).isEqualTo("apply conflict on apply ConfigMap default/shared: fields .data.owner, .data.size"
        + " are owned by field manager `kubectl-edit`; field .metadata.labels.app is owned by field manager `helm`."
        + " Set force_conflicts: true to take them over, or leave them out of the manifest");
    assertThat(e.data()).containsKey("conflicts");
  }

  @Test
  void otherFailuresQuoteTheServerMessageAndCode() {
    Status notFound = new StatusBuilder().withCode(404).withMessage("namespaces \"x\" not found").build();
    var e = KubeErrors.failure("read ConfigMap x/c", null, new KubernetesClientException("nf", 404, notFound));
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

  /** A real client against a loopback port where nothing listens: the message says so, in words. */
  @Test
  void aClosedPortReadsConnectionRefusedWithTheServersAddress() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String server = "https://127.0.0.1:" + port;
    try (var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
        new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl(server).withRequestRetryBackoffLimit(0)
            .withConnectionTimeout(2_000).withRequestTimeout(2_000).build()).build()) {
      KubernetesClientException e = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class,
          () -> client.configMaps().inNamespace("default").withName("c").get());
      var failure = KubeErrors.failure("read ConfigMap default/c", client, e);
      assertThat(failure.getMessage()).isEqualTo("cannot read ConfigMap default/c: cannot connect to " + server
          + ": connection refused (is the API server running, and is this its address?)");
      assertThat(failure.getMessage()).doesNotContain("Exception");
    }
  }

  @Test
  void transportCausesAreWordedNotNamedByClass() {
    String at = "https://127.0.0.1:6443";
    assertThat(KubeErrors.transport(new KubernetesClientException("x",
        new java.io.IOException(new java.nio.channels.ClosedChannelException())), at))
        .isEqualTo(at + " closed the connection during the request (did it restart?)");
    assertThat(KubeErrors.transport(new KubernetesClientException("x",
        new java.nio.channels.UnresolvedAddressException()), at)).isEqualTo("cannot resolve the host name of " + at);
    assertThat(KubeErrors.transport(new KubernetesClientException("x",
        new java.net.http.HttpTimeoutException("request timed out")), null))
        .isEqualTo("the API server did not answer in time");
    assertThat(KubeErrors.transport(new KubernetesClientException("x",
        new javax.net.ssl.SSLHandshakeException("PKIX path building failed")), at))
        .isEqualTo("TLS with " + at + " failed: PKIX path building failed");
  }
}
