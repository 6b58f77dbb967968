package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 8, through the CLI: a kubeconfig whose {@code current-context} names no context
 * is refused in words, listing the contexts, and the client never falls back to
 * https://kubernetes.default.svc (which would send a DNS query off the machine).
 */
class KubeconfigContextCliTest {

  @TempDir
  Path dir;

  private static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      clusters:
        - name: lab
          cluster: {server: "https://127.0.0.1:1"}
      users:
        - name: admin
          user: {token: not-a-real-token}
      contexts:
        - name: a
          context: {cluster: lab, user: admin}
        - name: b
          context: {cluster: lab, user: admin}
      current-context: x
      """;

  @Test
  void anUnknownCurrentContextIsRefusedNamingTheContexts() throws Exception {
    MainTest.Result r = kubeInfo("");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).containsPattern("failed\\s+localhost\\s+.*context `x` is not in .*; contexts: a, b");
    assertThat(r.out() + r.err()).doesNotContain("kubernetes.default.svc").doesNotContain("UnresolvedAddress");
  }

  @Test
  void anUnknownContextParameterIsRefusedTheSameWay() throws Exception {
    MainTest.Result r = kubeInfo(", context: nope");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).containsPattern("failed\\s+localhost\\s+.*context `nope` is not in .*; contexts: a, b");
  }

  private MainTest.Result kubeInfo(String extra) throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), KUBECONFIG);
    Path inventory = Files.writeString(dir.resolve("hosts.ini"), "localhost ansible_connection=local\n");
    Path playbook = Files.writeString(dir.resolve("site.yaml"), """
        - hosts: all
          gather_facts: false
          tasks:
            - kube_info: {kind: ConfigMap, name: c, namespace: default, kubeconfig: "KC"EXTRA}
        """.replace("KC", kubeconfig.toString()).replace("EXTRA", extra));
    return MainTest.run(playbook.toString(), "-i", inventory.toString(), "--no-color", "-v");
  }
}
