package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.module.Mode;
import dev.provision.modules.kube.KubeApplyModule;
import dev.provision.modules.kube.KubeInfoModule;
import dev.provision.modules.kube.KubePatchModule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kube_patch and kube_info against a real kube-apiserver 1.20. */
class KubePatchAndInfoModuleTest {

    @RegisterExtension
    static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

    private static KubeModuleRunner runner;
    private final KubePatchModule patch = new KubePatchModule();
    private final KubeInfoModule info = new KubeInfoModule();

    @BeforeAll
    static void objects() throws Exception {
        runner = new KubeModuleRunner(KUBE);
        runner.apply(new KubeApplyModule(), Map.of("definition", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: default
                data:
                  color: blue
                  size: "1"
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: frontend
                  namespace: default
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: frontend}
                  template:
                    metadata:
                      labels: {app: frontend}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.25
                      - name: sidecar
                        image: busybox:1.36
                """));
    }

    @AfterAll
    static void closeRunner() {
        runner.close();
    }

    private static Map<String, Object> ref(String apiVersion, String kind, String name, Object... more) {
        Map<String, Object> args = new java.util.LinkedHashMap<>(Map.of("api_version", apiVersion, "kind", kind, "name", name,
                "namespace", "default"));
        for (int i = 0; i < more.length; i += 2) {
            args.put((String) more[i], more[i + 1]);
        }
        return args;
    }

    @Test
    void mergePatchIsPlannedWithADiffThenChangedThenOk() throws Exception {
        Map<String, Object> args = ref("v1", "ConfigMap", "settings", "patch", Map.of("data", Map.of("color", "green")));

        var plan = runner.plan(patch, args);
        assertThat(plan.changed()).isTrue();
        assertThat(plan.plan().diffs()).singleElement().satisfies(d -> {
            assertThat(d.before()).contains("color: blue");
            assertThat(d.after()).contains("color: green");
        });
        assertThat(KUBE.client().configMaps().inNamespace("default").withName("settings").get().getData())
                .as("plan wrote nothing").containsEntry("color", "blue");

        assertThat(runner.apply(patch, args).changed()).isTrue();
        assertThat(KUBE.client().configMaps().inNamespace("default").withName("settings").get().getData())
                .containsEntry("color", "green");
        var second = runner.apply(patch, args);
        assertThat(second.changed()).isFalse();
        assertThat(second.message()).isEqualTo("ConfigMap default/settings already matches the patch");
    }

    @Test
    void mergePatchNullDeletesTheField() throws Exception {
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("size", null);
        Map<String, Object> args = ref("v1", "ConfigMap", "settings", "patch", Map.of("data", data));

        assertThat(runner.apply(patch, args).changed()).isTrue();
        assertThat(KUBE.client().configMaps().inNamespace("default").withName("settings").get().getData())
                .doesNotContainKey("size");
        assertThat(runner.apply(patch, args).changed()).isFalse();
    }

    @Test
    void jsonPatchAndStrategicPatchChangeOnceThenAreOk() throws Exception {
        Map<String, Object> json = ref("apps/v1", "Deployment", "frontend", "type", "json", "patch",
                List.of(Map.of("op", "replace", "path", "/spec/replicas", "value", 3)));
        assertThat(runner.plan(patch, json).changed()).isTrue();
        assertThat(runner.apply(patch, json).changed()).isTrue();
        assertThat(runner.apply(patch, json).changed()).isFalse();
        assertThat(KUBE.client().apps().deployments().inNamespace("default").withName("frontend").get().getSpec()
                .getReplicas()).isEqualTo(3);

        // strategic merge: containers merge by name, so the sidecar stays
        String strategic = "spec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.26\n";
        Map<String, Object> sp = ref("apps/v1", "Deployment", "frontend", "type", "strategic", "patch", strategic);
        assertThat(runner.plan(patch, sp).changed()).isTrue();
        assertThat(runner.apply(patch, sp).changed()).isTrue();
        var containers = KUBE.client().apps().deployments().inNamespace("default").withName("frontend").get().getSpec()
                .getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(c -> c.getName() + "=" + c.getImage())
                .containsExactly("web=nginx:1.26", "sidecar=busybox:1.36");
        assertThat(runner.apply(patch, sp).changed()).isFalse();
    }

    @Test
    void patchOfAMissingResourceFailsClearly() {
        String message = runner.failure(patch, ref("v1", "ConfigMap", "nope", "patch", Map.of("data", Map.of("a", "b"))),
                Mode.PLAN);
        assertThat(message).isEqualTo("ConfigMap default/nope does not exist, so it cannot be patched");
    }

    @Test
    void infoReadsOneResourceAndRegistersFields() throws Exception {
        var outcome = runner.plan(info, ref("apps/v1", "Deployment", "frontend", "fields",
                Map.of("first_image", ".spec.template.spec.containers[0].image", "app", ".metadata.labels[\"app\"]",
                        "missing", ".status.nothing")));
        assertThat(outcome.changed()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) outcome.plan().result().get("fields");
        assertThat(fields.get("first_image")).asString().startsWith("nginx:");
        assertThat(fields).containsEntry("missing", null);
        assertThat((List<?>) outcome.plan().result().get("resources")).hasSize(1);
        // the first line says what was found (issue 9: not a cut-off table header); the table follows
        assertThat(outcome.message()).startsWith("Deployment default/frontend: ready 0/1; ")
                .contains("first_image: nginx:").containsPattern("\nNAME +READY +STATUS +AGE\ndeployment/frontend ");
    }

    @Test
    void infoListsKindsInANamespaceLikeKubectlGetAll() throws Exception {
        var outcome = runner.plan(info, Map.of("namespace", "default"));
        assertThat(outcome.changed()).isFalse();
        assertThat(outcome.message()).contains("service/kubernetes").contains("deployment/frontend")
                .containsPattern("NAME +READY +STATUS +AGE");
        var configMaps = runner.plan(info, Map.of("namespace", "default", "kinds", List.of("configmaps")));
        assertThat(configMaps.message()).contains("configmap/settings").doesNotContain("deployment/");
    }
}
