package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.modules.kube.KubeApplyModule;
import dev.provision.modules.kube.KubeInfoModule;
import dev.provision.modules.kube.KubePatchModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The guide's KubeVirt steps with the modules on a fresh kube-apiserver 1.20, per release found: kube_apply of the
 * real operator manifest, then of the CR (planned while the CRD is missing), kube_patch of useEmulation, kube_info
 * of observedKubeVirtVersion (written by the test, which plays the operator).
 */
class KubeVirtModulesTest {

    /** kubevirt-cr.yaml as released (v0.58/v0.59), used when the release directory has none. */
    static final String CR = """
            ---
            apiVersion: kubevirt.io/v1
            kind: KubeVirt
            metadata:
              name: kubevirt
              namespace: kubevirt
            spec:
              certificateRotateStrategy: {}
              configuration:
                developerConfiguration:
                  featureGates: []
              customizeComponents: {}
              imagePullPolicy: IfNotPresent
              workloadUpdateStrategy: {}
            """;

    @TestFactory
    Stream<DynamicTest> operatorThenCrThenUseEmulationPatch() {
        Optional<KubeVirtReleases> releases = KubeVirtReleases.locate();
        List<String> versions = releases.map(KubeVirtReleases::versions).orElse(List.of());
        RequiredPart.require(!versions.isEmpty(), "no KubeVirt release manifests (<version>/kubevirt-operator.yaml)"
                + " in it-tests/src/test/resources/kubevirt or $PROVISION_KUBEVIRT_RELEASES; see kubevirt/README.txt");
        return versions.stream().map(v -> DynamicTest.dynamicTest(v, () -> guideSteps(releases.orElseThrow(), v)));
    }

    private static void guideSteps(KubeVirtReleases releases, String version) throws Exception {
        try (KubeApiServerFixture kube = KubeApiServerFixture.started(); KubeModuleRunner runner = new KubeModuleRunner(kube)) {
            KubeApplyModule apply = new KubeApplyModule();
            Map<String, Object> operator = Map.of("src", releases.operator(version).toString());
            Path crFile = releases.operator(version).resolveSibling("kubevirt-cr.yaml");
            Map<String, Object> cr = Files.isRegularFile(crFile) ? Map.of("src", crFile.toString()) : Map.of("definition", CR);

            var operatorPlan = runner.plan(apply, operator);
            assertThat(operatorPlan.changed()).isTrue();
            assertThat(KubeModuleRunner.objectResults(operatorPlan.plan())).first().isEqualTo("Namespace kubevirt created");
            var crPlan = runner.plan(apply, cr);
            assertThat(crPlan.message()).contains("KubeVirt kubevirt/kubevirt (CRD not yet installed)");

            assertThat(runner.apply(apply, operator).changed()).isTrue();
            assertThat(runner.apply(apply, operator).changed()).as("second operator apply").isFalse();
            assertThat(runner.apply(apply, cr).changed()).isTrue();
            assertThat(runner.apply(apply, cr).changed()).as("second CR apply").isFalse();

            KubePatchModule patch = new KubePatchModule();
            Map<String, Object> emulation = Map.of("api_version", "kubevirt.io/v1", "kind", "KubeVirt", "name", "kubevirt",
                    "namespace", "kubevirt", "patch", Map.of("spec", Map.of("configuration",
                            Map.of("developerConfiguration", Map.of("useEmulation", true)))));
            var patchPlan = runner.plan(patch, emulation);
            assertThat(patchPlan.changed()).isTrue();
            assertThat(patchPlan.plan().diffs().get(0).after()).contains("useEmulation: true");
            assertThat(runner.apply(patch, emulation).changed()).isTrue();
            assertThat(runner.apply(patch, emulation).changed()).isFalse();

            // the test plays virt-operator: it reports the deployed version in the status
            kube.client().genericKubernetesResources("kubevirt.io/v1", "KubeVirt").inNamespace("kubevirt")
                    .withName("kubevirt").editStatus(kv -> {
                        kv.setAdditionalProperty("status", Map.of("phase", "Deployed", "observedKubeVirtVersion", version));
                        return kv;
                    });
            var read = runner.plan(new KubeInfoModule(), Map.of("api_version", "kubevirt.io/v1", "kind", "KubeVirt",
                    "name", "kubevirt", "namespace", "kubevirt", "fields",
                    Map.of("version", ".status.observedKubeVirtVersion", "phase", ".status.phase")));
            assertThat(read.plan().result().get("fields")).isEqualTo(Map.of("version", version, "phase", "Deployed"));
            assertThat(read.message()).contains("kubevirt/kubevirt").contains("Deployed");
        }
    }
}
