package dev.provision.it.plans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.lab.kube.KubeApiServerFixture;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan made against the lab's real kube-apiserver: an object another field manager changed
 * after the plan refuses the task that planned on it, and nothing after it runs; an object whose
 * status only a controller touched is not a change (the fingerprint leaves status out).
 */
class SavedKubePlanTest {

  @RegisterExtension
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  @TempDir Path work;
  private Path playbook;
  private Path inventory;
  private Path plan;
  private String name;

  @BeforeEach
  void objectAndPlaybook() throws IOException {
    name = "saved-" + System.nanoTime();
    KUBE.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName(name).endMetadata().withData(Map.of("size", "small")).build()).create();
    inventory = Files.writeString(work.resolve("local.ini"), "localhost ansible_connection=local\n");
    plan = work.resolve("kube.provision");
    playbook = Files.writeString(work.resolve("site.yaml"), """
        - hosts: localhost
          gather_facts: false
          tasks:
            - name: resize
              kube_apply:
                force_conflicts: true  # the object was made by the test's own client, another field manager
                definition:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: NAME, namespace: default}
                  data: {size: medium}
            - name: companion
              kube_apply:
                definition:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: NAME-companion, namespace: default}
                  data: {of: NAME}
        """.replace("NAME", name));
  }

  private Cli run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-e", "kubeconfig=" + KUBE.kubeconfig(), "--output", "json"));
    return Cli.run(all);
  }

  @Test
  void anObjectChangedByAnotherFieldManagerAfterThePlanRefusesTheTask() throws IOException {
    Cli planned = run(playbook.toString(), "-i", inventory.toString(), "--plan", "--out", plan.toString());
    assertThat(planned.exitCode()).as(planned.toString()).isEqualTo(2);
    assertThat(Files.readString(plan)).contains("\"key\": \"kube:v1/ConfigMap/default/" + name + "\"");

    KUBE.client().configMaps().inNamespace("default").withName(name)
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("ops-console").build(),
            "{\"data\":{\"owner\":\"ops\"}}");

    Cli applied = run("apply", plan.toString());

    assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(1);
    assertThat(String.valueOf(applied.result("localhost", "resize").get("message")))
        .startsWith("stale: ConfigMap default/" + name + " changed since the plan (sha256 ");
    assertThat(applied.result("localhost", "companion").get("message")).isEqualTo("upstream failed");
    ConfigMap live = KUBE.client().configMaps().inNamespace("default").withName(name).get();
    assertThat(live.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("size", "small", "owner", "ops"));
    assertThat(KUBE.client().configMaps().inNamespace("default").withName(name + "-companion").get()).isNull();
  }

  @Test
  void anUnchangedObjectAppliesAsPlanned() throws IOException {
    Cli planned = run(playbook.toString(), "-i", inventory.toString(), "--plan", "--out", plan.toString());
    assertThat(planned.exitCode()).as(planned.toString()).isEqualTo(2);

    Cli applied = run("apply", plan.toString());

    assertThat(applied.exitCode()).as(applied.toString()).isZero();
    assertThat(applied.results("localhost")).containsExactly("resize=changed", "companion=changed");
    assertThat(KUBE.client().configMaps().inNamespace("default").withName(name).get().getData())
        .containsEntry("size", "medium");
  }
}
