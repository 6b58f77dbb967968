package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.lab.kube.Widgets;
import dev.provision.module.Mode;
import dev.provision.modules.kube.KubeApplyModule;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** kube_apply against a real kube-apiserver 1.20: plan predicts, first run changes, second run is ok. */
class KubeApplyModuleTest {

    @RegisterExtension
    static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

    private static KubeModuleRunner runner;
    private final KubeApplyModule module = new KubeApplyModule();

    @BeforeAll
    static void runner() {
        runner = new KubeModuleRunner(KUBE);
    }

    @AfterAll
    static void closeRunner() {
        runner.close();
    }

    private static final String APP = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: web
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: web
            data:
              color: blue
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: frontend
              namespace: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: frontend}
              template:
                metadata:
                  labels: {app: frontend}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.25
            """;

    @Test
    void planPredictsCreationThenFirstRunChangesAndSecondRunIsOk() throws Exception {
        Map<String, Object> args = Map.of("definition", APP);

        var plan = runner.plan(module, args);
        assertThat(plan.changed()).isTrue();
        assertThat(KubeModuleRunner.objectResults(plan.plan())).containsExactly(
                "Namespace web created", "ConfigMap settings created",
                "Deployment frontend created");
        assertThat(plan.message()).startsWith("would create Namespace web; ").contains("; create Deployment web/frontend");
        assertThat(KUBE.client().namespaces().withName("web").get()).as("plan wrote nothing").isNull();

        var first = runner.apply(module, args);
        assertThat(first.changed()).isTrue();
        assertThat(KUBE.client().configMaps().inNamespace("web").withName("settings").get().getData())
                .containsEntry("color", "blue");
        assertThat(KUBE.client().apps().deployments().inNamespace("web").withName("frontend").get()
                .getMetadata().getManagedFields()).anyMatch(f -> "provision".equals(f.getManager()));

        var second = runner.apply(module, args);
        assertThat(second.changed()).isFalse();
        assertThat(second.message()).isEqualTo("3 objects unchanged");
    }

    @Test
    void changedContentIsConfiguredWithADiffAndOnlyThatObjectChanges() throws Exception {
        String ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: conf\n";
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: conf\ndata:\n  size: \"%s\"\n";
        runner.apply(module, Map.of("definition", ns + "---\n" + cm.formatted("1")));

        var plan = runner.plan(module, Map.of("definition", ns + "---\n" + cm.formatted("2")));

        assertThat(plan.changed()).isTrue();
        assertThat(KubeModuleRunner.objectResults(plan.plan())).containsExactly("Namespace conf unchanged", "ConfigMap c configured");
        assertThat(plan.plan().diffs()).singleElement().satisfies(d -> {
            assertThat(d.header()).isEqualTo("ConfigMap conf/c");
            assertThat(d.before()).contains("size: '1'").doesNotContain("managedFields").doesNotContain("resourceVersion");
            assertThat(d.after()).contains("size: '2'");
        });
        assertThat(plan.plan().actions()).hasSize(1);
    }

    @Test
    void stateAbsentDeletesAndThenReportsAbsent() throws Exception {
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: doomed\n  namespace: default\ndata: {a: b}\n";
        runner.apply(module, Map.of("definition", cm));

        var plan = runner.plan(module, Map.of("definition", cm, "state", "absent"));
        assertThat(plan.changed()).isTrue();
        assertThat(plan.message()).isEqualTo("would delete ConfigMap default/doomed");
        assertThat(KUBE.client().configMaps().inNamespace("default").withName("doomed").get()).isNotNull();

        assertThat(runner.apply(module, Map.of("definition", cm, "state", "absent")).changed()).isTrue();
        assertThat(KUBE.client().configMaps().inNamespace("default").withName("doomed").get()).isNull();

        var again = runner.apply(module, Map.of("definition", cm, "state", "absent"));
        assertThat(again.changed()).isFalse();
        assertThat(again.message()).isEqualTo("1 object absent");
    }

    @Test
    void aConflictNamesTheFieldManagerThatOwnsTheField() throws Exception {
        KubernetesClient client = KUBE.client();
        ConfigMap other = new ConfigMapBuilder().withNewMetadata().withName("shared").withNamespace("default").endMetadata()
                .addToData("owner", "kubectl").build();
        PatchContext ssa = PatchContext.of(PatchType.SERVER_SIDE_APPLY);
        ssa.setFieldManager("kubectl-edit");
        client.configMaps().inNamespace("default").resource(other).patch(ssa, other);
        String mine = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n  namespace: default\ndata:\n  owner: provision\n";

        String message = runner.failure(module, Map.of("definition", mine), Mode.PLAN);

        assertThat(message).contains("kubectl-edit").contains(".data.owner").contains("force_conflicts");

        var forced = runner.apply(module, Map.of("definition", mine, "force_conflicts", true));
        assertThat(forced.changed()).isTrue();
        assertThat(client.configMaps().inNamespace("default").withName("shared").get().getData())
                .containsEntry("owner", "provision");
    }

    @Test
    void customResourceOfACrdCreatedByTheSameTaskIsPlannedAsCreatedAndAppliedAfterEstablished(@TempDir Path dir)
            throws Exception {
        Path manifest = dir.resolve("widgets.yaml");
        Files.writeString(manifest, """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w1
                  namespace: default
                spec:
                  size: 3
                ---
                """ + Widgets.crd("example.com"));
        Map<String, Object> args = Map.of("src", manifest.toString());

        var plan = runner.plan(module, args);
        assertThat(KubeModuleRunner.objectResults(plan.plan()))
                .containsExactly("CustomResourceDefinition widgets.example.com created", "Widget w1 created");
        assertThat(plan.message()).contains("Widget default/w1 (CRD not yet installed)");

        assertThat(runner.apply(module, args).changed()).isTrue();
        var widget = KUBE.client().genericKubernetesResources("example.com/v1", "Widget").inNamespace("default")
                .withName("w1").get();
        assertThat(widget.get("spec", "size").toString()).isEqualTo("3");

        var second = runner.apply(module, args);
        assertThat(second.changed()).isFalse();
        assertThat(second.message()).isEqualTo("2 objects unchanged");
    }

    @Test
    void templateIsRenderedWithTheTaskVariables(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("cm.yaml.j2");
        Files.writeString(template, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: templated\n  namespace: default\n"
                + "data:\n  version: \"{{ kubevirt_version }}\"\n");
        runner.var("kubevirt_version", "v0.59.1");

        var first = runner.apply(module, Map.of("template", template.toString()));

        assertThat(first.changed()).isTrue();
        assertThat(KUBE.client().configMaps().inNamespace("default").withName("templated").get().getData())
                .containsEntry("version", "v0.59.1");
        assertThat(runner.apply(module, Map.of("template", template.toString())).changed()).isFalse();
    }

    @Test
    void kubeconfigTokenIsRegisteredAsASecret() throws Exception {
        var outcome = runner.plan(module, Map.of("definition", List.of(Map.of("apiVersion", "v1", "kind", "Namespace",
                "metadata", Map.of("name", "default")))));
        String token = Files.readString(KUBE.stateDir().resolve("admin.token")).strip();
        assertThat(token).isNotBlank();
        assertThat(outcome.host().secrets()).contains(token);
        assertThat(outcome.message()).doesNotContain(token);
    }
}
