package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.lab.kube.KubeVirtReleases;
import dev.provision.modules.kube.KubeApplyModule;
import dev.provision.modules.kube.KubeInfoModule;
import dev.provision.modules.kube.KubePatchModule;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The guide's KubeVirt steps with the modules on a fresh kube-apiserver 1.20, per release found: kube_apply of the
 * real operator manifest, then of the CR (planned while the CRD is missing), kube_patch of useEmulation, kube_info
 * of observedKubeVirtVersion (written by the test, which plays the operator).
 */
class KubeVirtModulesTest {

    @TestFactory
    Stream<DynamicTest> operatorThenCrThenUseEmulationPatch() {
        KubeVirtReleases releases = KubeVirtReleases.required();
        return releases.versions().stream().map(v -> DynamicTest.dynamicTest(v, () -> guideSteps(releases, v)));
    }

    private static void guideSteps(KubeVirtReleases releases, String version) throws Exception {
        try (KubeApiServerFixture kube = KubeApiServerFixture.started(); KubeModuleRunner runner = new KubeModuleRunner(kube)) {
            KubeApplyModule apply = new KubeApplyModule();
            Map<String, Object> operator = Map.of("src", releases.operator(version).toString());
            Map<String, Object> cr = Map.of("src", releases.customResource(version).toString());

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
