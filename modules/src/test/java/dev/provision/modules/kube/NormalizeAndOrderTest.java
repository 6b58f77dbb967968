package dev.provision.modules.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizeAndOrderTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) throws Exception {
    return (Map<String, Object>) KubeYaml.parse(text, "test");
  }

  @Test
  void serverBookkeepingAndStatusDoNotCountAsContent() throws Exception {
    Map<String, Object> live = yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: d, resourceVersion: "41", generation: 3, uid: u-1,
          creationTimestamp: "2026-01-01T00:00:00Z", managedFields: [{manager: kubectl}]}
        data: {a: b}
        status: {phase: Old}
        """);
    Map<String, Object> predicted = yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: d, resourceVersion: "42", generation: 4, managedFields: [{manager: provision}]}
        data: {a: b}
        """);
    assertThat(Normalize.sameContent(live, predicted)).isTrue();
    predicted.put("data", Map.of("a", "changed"));
    assertThat(Normalize.sameContent(live, predicted)).isFalse();
  }

  @Test
  void numbersCompareByValueWhateverTheirJavaType() {
    assertThat(Normalize.sameContent(Map.of("spec", Map.of("replicas", 2)), Map.of("spec", Map.of("replicas", 2L))))
        .isTrue();
    assertThat(Normalize.sameContent(Map.of("spec", Map.of("x", 2.0)), Map.of("spec", Map.of("x", 2)))).isTrue();
    assertThat(Normalize.sameContent(Map.of("spec", Map.of("x", 2.5)), Map.of("spec", Map.of("x", 2)))).isFalse();
  }

  @Test
  void displayHidesSecretValuesAndSortsKeys() throws Exception {
    String shown = Normalize.display(yaml("""
        kind: Secret
        apiVersion: v1
        metadata: {name: s, resourceVersion: "1"}
        data: {password: c2VjcmV0}
        """));
    assertThat(shown).doesNotContain("c2VjcmV0").contains("password: (hidden, 8 chars)").doesNotContain("resourceVersion");
    assertThat(shown.indexOf("apiVersion")).isLessThan(shown.indexOf("kind"));
  }

  @Test
  void namespacesThenCrdsThenTheRestInManifestOrderAndDeletionReversed() throws Exception {
    List<Map<String, Object>> objects = KubeYaml.objects("""
        apiVersion: kubevirt.io/v1
        kind: KubeVirt
        metadata: {name: kv, namespace: kubevirt}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: op, namespace: kubevirt}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: kubevirts.kubevirt.io}
        ---
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: kubevirt}
        """, "manifest");
    assertThat(ApplyOrder.forApply(objects)).extracting(o -> o.get("kind"))
        .containsExactly("Namespace", "CustomResourceDefinition", "KubeVirt", "Deployment");
    assertThat(ApplyOrder.forDelete(objects)).extracting(o -> o.get("kind"))
        .containsExactly("Deployment", "KubeVirt", "CustomResourceDefinition", "Namespace");
  }

  @Test
  void listKindIsFlattenedAndObjectsWithoutNamesAreRefused() throws Exception {
    assertThat(KubeYaml.objects("apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n"
        + "- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n", "m")).hasSize(2);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KubeYaml.objects("apiVersion: v1\nkind: ConfigMap\n", "cm.yaml"))
        .hasMessage("cm.yaml document 1 (ConfigMap) has no metadata.name");
  }
}
