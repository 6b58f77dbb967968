package dev.provision.modules.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.module.Mode;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import dev.provision.module.testing.TestHost;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kubernetes.core's environment (K8S_AUTH_KUBECONFIG, K8S_AUTH_CONTEXT, K8S_AUTH_HOST with K8S_AUTH_API_KEY,
 * K8S_AUTH_VERIFY_SSL) reaching a real kube-apiserver; the token stays a secret.
 */
class AnsibleAuthEnvTest {

  @RegisterExtension
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  private static Params params(Map<String, Object> args) throws ModuleException {
    return KubeParams.access().build().bind("kube_test", args);
  }

  @SuppressWarnings("unchecked")
  private static String token() throws Exception {
    Map<String, Object> config = (Map<String, Object>) KubeYaml.parse(Files.readString(KUBE.kubeconfig()), "kubeconfig");
    var users = (List<Map<String, Object>>) config.get("users");
    return String.valueOf(((Map<String, Object>) users.get(0).get("user")).get("token"));
  }

  private static List<String> namespaces(KubeClients clients, TestHost host) throws ModuleException {
    return clients.client(host, params(Map.of())).namespaces().list().getItems().stream()
        .map(n -> n.getMetadata().getName()).toList();
  }

  @Test
  void hostAndApiKeyReachTheServerWithTheTokenKeptSecret() throws Exception {
    String token = token();
    try (KubeClients clients = new KubeClients(Map.of("K8S_AUTH_HOST", KUBE.server(), "K8S_AUTH_API_KEY",
        "Bearer " + token, "K8S_AUTH_VERIFY_SSL", "no"), (h, p) -> {
          throw new AssertionError("no remote read expected");
        })) {
      TestHost host = TestHost.offline(Mode.PLAN, Map.of());
      assertThat(namespaces(clients, host)).contains("default", "kube-system");
      assertThat(host.secrets()).contains(token);
    }
  }

  @Test
  void hostWithCertificateCheckingAndNoCaIsRefusedByTls() throws Exception {
    try (KubeClients clients = new KubeClients(Map.of("K8S_AUTH_HOST", KUBE.server(), "K8S_AUTH_API_KEY", token()),
        (h, p) -> "")) {
      assertThatThrownBy(() -> namespaces(clients, TestHost.offline(Mode.PLAN, Map.of())))
          .hasStackTraceContaining("PKIX");
    }
  }

  @Test
  void hostWithoutApiKeyIsAClearError() {
    try (KubeClients clients = new KubeClients(Map.of("K8S_AUTH_HOST", KUBE.server()), (h, p) -> "")) {
      assertThatThrownBy(() -> clients.client(TestHost.offline(Mode.PLAN, Map.of()), params(Map.of())))
          .isInstanceOf(ModuleException.class).hasMessageContaining("K8S_AUTH_HOST is set without K8S_AUTH_API_KEY");
    }
  }

  @Test
  void kubeconfigAndContextFromTheEnvironmentWinOverKubeconfig() throws Exception {
    try (KubeClients clients = new KubeClients(Map.of("K8S_AUTH_KUBECONFIG", KUBE.kubeconfig().toString(),
        "KUBECONFIG", "/nonexistent/config"), (h, p) -> "")) {
      assertThat(namespaces(clients, TestHost.offline(Mode.PLAN, Map.of()))).contains("default");
    }
    try (KubeClients clients = new KubeClients(Map.of("K8S_AUTH_KUBECONFIG", KUBE.kubeconfig().toString(),
        "K8S_AUTH_CONTEXT", "elsewhere"), (h, p) -> "")) {
      assertThatThrownBy(() -> namespaces(clients, TestHost.offline(Mode.PLAN, Map.of())))
          .isInstanceOf(ModuleException.class).hasMessageContaining("context `elsewhere` is not in K8S_AUTH_KUBECONFIG");
      // the task's own context wins over the environment's
      TestHost host = TestHost.offline(Mode.PLAN, Map.of());
      String written = String.valueOf(((Map<?, ?>) KubeYaml.parse(Files.readString(KUBE.kubeconfig()), "k"))
          .get("current-context"));
      assertThat(clients.client(host, params(Map.of("context", written))).namespaces().list().getItems()).isNotEmpty();
    }
  }
}
