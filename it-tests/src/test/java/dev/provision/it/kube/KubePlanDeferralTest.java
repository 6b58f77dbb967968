package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.lab.kube.KubeApiServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan reads the live cluster but does not guess: a {@code kube_info} or {@code kube_patch} of an
 * object that an earlier task of the plan would create is "known after apply", not failed; applied,
 * the same playbook finds and patches it. Through the CLI, against a real kube-apiserver.
 */
class KubePlanDeferralTest {

  @RegisterExtension
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  @TempDir static Path work;
  private static Path playbook;
  private static Path inventory;

  @BeforeAll
  static void files() throws IOException {
    inventory = Files.writeString(work.resolve("local.ini"), "localhost ansible_connection=local\n");
    playbook = Files.writeString(work.resolve("site.yaml"), """
        - hosts: localhost
          gather_facts: false
          tasks:
            - name: create
              kube_apply:
                definition: |
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: later, namespace: default}
                  data: {size: small}
            - name: read
              kube_info: {api_version: v1, kind: ConfigMap, name: later, namespace: default, fields: {size: data.size}}
              register: info
            - name: patch
              kube_patch: {api_version: v1, kind: ConfigMap, name: later, namespace: default, patch: {data: {size: big}}}
            - name: show
              debug: {msg: "size was {{ info.fields.size }}"}
        """);
  }

  private static Cli provision(String... more) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of(playbook.toString(), "-i", inventory.toString(), "-e",
        "kubeconfig=" + KUBE.kubeconfig(), "--output", "json"));
    args.addAll(List.of(more));
    return Cli.run(args);
  }

  @Test
  void readsOfWhatAnEarlierTaskCreatesAreKnownAfterApplyThenApplyFindsThem() throws IOException {
    Cli plan = provision("--plan");

    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.results("localhost")).containsExactly("create=changed", "read=deferred", "patch=deferred",
        "show=deferred");
    assertThat(String.valueOf(plan.result("localhost", "read").get("message")))
        .contains("an earlier task may create it");
    assertThat(KUBE.client().configMaps().inNamespace("default").withName("later").get()).isNull();

    Cli apply = provision();

    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    assertThat(apply.results("localhost")).containsExactly("create=changed", "read=ok", "patch=changed", "show=ok");
    assertThat(KUBE.client().configMaps().inNamespace("default").withName("later").get().getData())
        .containsEntry("size", "big");
  }
}
