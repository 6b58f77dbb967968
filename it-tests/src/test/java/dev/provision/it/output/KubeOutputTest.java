package dev.provision.it.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.it.support.Cli;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Kubernetes modules say, through the CLI's text output against a real kube-apiserver:
 * every object a kube_apply created, a finished wait's final state, and what kube_info found.
 */
class KubeOutputTest {

  @RegisterExtension
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  @TempDir static Path work;
  private static Path inventory;

  @BeforeAll
  static void namespace() throws Exception {
    inventory = Files.writeString(work.resolve("local.ini"), "localhost ansible_connection=local\n");
    KUBE.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata().withName("out").endMetadata().build()).createOr(r -> r.update());
  }

  private static Cli text(String tasks) throws Exception {
    Path file = Files.createTempFile(work, "site-", ".yaml");
    Files.writeString(file, "- name: kube\n  hosts: localhost\n  gather_facts: false\n  tasks:\n" + tasks);
    return Cli.run(List.of(file.toString(), "-i", inventory.toString(), "-e", "kubeconfig=" + KUBE.kubeconfig(),
        "--no-color"));
  }

  @Test
  void everyObjectAKubeApplyCreatedIsNamedNothingIsCut() throws Exception {
    StringBuilder manifest = new StringBuilder();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String name = "a-config-map-with-a-rather-long-name-number-" + i;
      names.add(name);
      manifest.append("          ---\n          apiVersion: v1\n          kind: ConfigMap\n")
          .append("          metadata: {name: ").append(name).append(", namespace: out}\n");
    }
    Cli run = text("""
          - name: many objects
            kube_apply:
              definition: |
        """ + manifest);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).containsPattern("kube › many objects  create 6 objects( \\([0-9.]+s\\))?\n");
    for (String name : names) {
      assertThat(run.stdout()).contains("\n           create ConfigMap out/" + name + "\n");
    }
    assertThat(run.stdout()).doesNotContain("...");
  }

  @Test
  void aFinishedWaitReportsTheStateThatEndedItNotTheOneBefore() throws Exception {
    KUBE.client().configMaps().inNamespace("out").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("light").withNamespace("out").endMetadata().addToData("color", "red").build()).createOr(r -> r.update());
    CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> {
      try {
        return text("""
              - name: wait for green
                kube_wait: {api_version: v1, kind: ConfigMap, name: light, namespace: out, field: .data.color, value: green, timeout: 60s}
            """);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(2500); // the run is waiting by now (the JVM, the plan, the watch)
    KUBE.client().configMaps().inNamespace("out").withName("light")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("color", "green").build());
    Cli done = run.get(90, TimeUnit.SECONDS);
    assertThat(done.exitCode()).as(done.toString()).isZero();
    String line = done.stdout().lines().filter(l -> l.startsWith("changed") && l.contains("wait for green"))
        .findFirst().orElseThrow(() -> new AssertionError(done.toString()));
    assertThat(line).contains("wait for green  ConfigMap out/light: .data.color = green").doesNotContain("now:")
        .doesNotContain(".data.color = red");
  }

  @Test
  void kubeInfoSaysWhatItFoundBeforeItsTable() throws Exception {
    KUBE.client().configMaps().inNamespace("out").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("settings").withNamespace("out").endMetadata().addToData("color", "blue").build())
        .createOr(r -> r.update());
    Cli run = text("""
          - name: read the settings
            kube_info: {api_version: v1, kind: ConfigMap, name: settings, namespace: out, fields: {color: .data.color}}
        """);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).containsPattern("ok +localhost +kube › read the settings  ConfigMap out/settings exists;"
        + " color: blue( \\([0-9.]+s\\))?\n +NAME +READY +STATUS +AGE\n +configmap/settings ");
  }
}
