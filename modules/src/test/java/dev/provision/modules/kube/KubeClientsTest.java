package dev.provision.modules.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.module.Mode;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import dev.provision.module.testing.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubeconfig source order, one client per (content, context), credentials as secrets. No server needed. */
class KubeClientsTest {

  private static String kubeconfig(String server, String token) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: admin
          user: {token: %s}
        contexts:
        - name: main
          context: {cluster: c, user: admin}
        - name: other
          context: {cluster: c, user: admin, namespace: apps}
        current-context: main
        """.formatted(server, token);
  }

  private final List<String> remoteReads = new ArrayList<>();

  private KubeconfigSource.RemoteFiles remote(String content) {
    return (host, path) -> {
      remoteReads.add(host.host() + ":" + path);
      return content;
    };
  }

  private static Params params(Map<String, Object> args) throws ModuleException {
    return KubeParams.access().build().bind("kube_test", args);
  }

  @Test
  void aKubeconfigVariableWinsOverKubeconfigEnvAndTheRemoteFile(@TempDir Path dir) throws Exception {
    Path local = Files.writeString(dir.resolve("local.conf"), kubeconfig("https://127.0.0.1:1111", "tok-local-123"));
    Path env = Files.writeString(dir.resolve("env.conf"), kubeconfig("https://127.0.0.1:2222", "tok-env-456"));
    try (KubeClients clients = new KubeClients(Map.of("KUBECONFIG", env.toString()),
        remote(kubeconfig("https://127.0.0.1:3333", "tok-remote-789")))) {
      TestHost withVar = TestHost.offline(Mode.PLAN, Map.of("kubeconfig", local.toString()));
      assertThat(clients.client(withVar, params(Map.of())).getMasterUrl().toString()).contains(":1111");
      assertThat(withVar.secrets()).contains("tok-local-123");

      TestHost plain = TestHost.offline(Mode.PLAN, Map.of());
      assertThat(clients.client(plain, params(Map.of())).getMasterUrl().toString()).contains(":2222");
      assertThat(remoteReads).isEmpty();
    }
  }

  @Test
  void withoutVariableOrEnvTheRemoteAdminConfIsReadOnceAndOneClientIsShared() throws Exception {
    try (KubeClients clients = new KubeClients(Map.of(), remote(kubeconfig("https://127.0.0.1:3333", "tok-remote-789")))) {
      TestHost host = TestHost.offline(Mode.PLAN, Map.of());
      var first = clients.client(host, params(Map.of()));
      var second = clients.client(host, params(Map.of()));
      assertThat(first).isSameAs(second);
      assertThat(remoteReads).containsExactly("fixture:/etc/kubernetes/admin.conf");
      assertThat(host.secrets()).contains("tok-remote-789");

      var other = clients.client(host, params(Map.of("context", "other")));
      assertThat(other).isNotSameAs(first);
      assertThat(other.getNamespace()).isEqualTo("apps");
    }
  }

  @Test
  void kubeconfigRemoteNamesTheFileReadFromTheHost() throws Exception {
    try (KubeClients clients = new KubeClients(Map.of(), remote(kubeconfig("https://127.0.0.1:3333", "t0k3n-abc")))) {
      clients.client(TestHost.offline(Mode.PLAN, Map.of("kubeconfig_remote", "/root/.kube/config")), params(Map.of()));
      assertThat(remoteReads).containsExactly("fixture:/root/.kube/config");
    }
  }

  @Test
  void anUnknownContextNamesTheKnownOnesWithoutQuotingCredentials(@TempDir Path dir) throws Exception {
    Path local = Files.writeString(dir.resolve("k.conf"), kubeconfig("https://127.0.0.1:1111", "tok-secret-xyz"));
    try (KubeClients clients = new KubeClients(Map.of(), remote(""))) {
      TestHost host = TestHost.offline(Mode.PLAN, Map.of("kubeconfig", local.toString()));
      assertThatThrownBy(() -> clients.client(host, params(Map.of("context", "prod"))))
          .isInstanceOf(ModuleException.class)
          .hasMessageContaining("context `prod`").hasMessageContaining("main, other")
          .hasMessageNotContaining("tok-secret-xyz");
    }
  }

  @Test
  void aMissingLocalKubeconfigIsAClearError() {
    try (KubeClients clients = new KubeClients(Map.of(), remote(""))) {
      TestHost host = TestHost.offline(Mode.PLAN, Map.of("kubeconfig", "/nonexistent/kubeconfig"));
      assertThatThrownBy(() -> clients.client(host, params(Map.of())))
          .hasMessage("kubeconfig /nonexistent/kubeconfig: no such file on the control node (/nonexistent/kubeconfig)");
    }
  }
}
