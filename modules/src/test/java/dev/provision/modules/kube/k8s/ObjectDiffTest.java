package dev.provision.modules.kube.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubernetes.core's registered diff: only what differs, mappings key by key, lists whole, bookkeeping left out. */
class ObjectDiffTest {

  private static Map<String, Object> configMap(Map<String, Object> data, String resourceVersion) {
    return Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "app", "namespace", "default", "resourceVersion", resourceVersion,
            "labels", Map.of("tier", "web")),
        "data", data);
  }

  @Test
  void onlyTheKeysThatDifferAppearOnEachSide() {
    var diff = ObjectDiff.of(configMap(Map.of("color", "blue", "size", "3"), "10"),
        configMap(Map.of("color", "red", "size", "3", "shape", "round"), "11"));

    assertThat(diff).isEqualTo(Map.of(
        "before", Map.of("data", Map.of("color", "blue")),
        "after", Map.of("data", Map.of("color", "red", "shape", "round"))));
  }

  @Test
  void theSameContentIsAnEmptyDiffWhateverTheServersBookkeeping() {
    assertThat(ObjectDiff.of(configMap(Map.of("a", "1"), "10"), configMap(Map.of("a", "1"), "99"))).isEmpty();
  }

  @Test
  void aListIsComparedAsAWholeAndANewObjectIsAllAfter() {
    Map<String, Object> before = Map.of("kind", "Service", "spec", Map.of("ports", List.of(Map.of("port", 80))));
    Map<String, Object> after = Map.of("kind", "Service", "spec",
        Map.of("ports", List.of(Map.of("port", 80), Map.of("port", 443))));

    assertThat(ObjectDiff.of(before, after)).isEqualTo(Map.of(
        "before", Map.of("spec", Map.of("ports", List.of(Map.of("port", 80L)))),
        "after", Map.of("spec", Map.of("ports", List.of(Map.of("port", 80L), Map.of("port", 443L))))));
    assertThat(ObjectDiff.of(null, after)).containsEntry("before", Map.of()).containsKey("after");
  }

  @Test
  void aSecretsValuesAreMaskedOnBothSides() {
    Map<String, Object> before = Map.of("kind", "Secret", "data", Map.of("password", "b2xk"));
    Map<String, Object> after = Map.of("kind", "Secret", "data", Map.of("password", "bmV3LXZhbHVl"));

    var diff = ObjectDiff.of(before, after);

    assertThat(diff.toString()).doesNotContain("b2xk").doesNotContain("bmV3LXZhbHVl");
    assertThat(diff).isEqualTo(Map.of("before", Map.of("data", Map.of("password", "(hidden, 4 chars)")),
        "after", Map.of("data", Map.of("password", "(hidden, 12 chars)"))));
  }
}
