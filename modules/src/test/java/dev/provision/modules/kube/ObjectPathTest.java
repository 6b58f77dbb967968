package dev.provision.modules.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ObjectPathTest {

  private static final Map<String, Object> VMI = Map.of(
      "metadata", Map.of("name", "testvm", "labels", Map.of("kubevirt.io/domain", "testvm")),
      "status", Map.of("phase", "Running", "nodeName", "worker01", "replicas", 3,
          "interfaces", List.of(Map.of("name", "default", "ipAddress", "10.244.1.7")),
          "conditions", List.of(Map.of("type", "LiveMigratable", "status", "False"),
              Map.of("type", "Ready", "status", "True")),
          "ready", true));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      ".status.phase | Running",
      "status.phase | Running",
      "{.status.nodeName} | worker01",
      ".status.interfaces[0].ipAddress | 10.244.1.7",
      ".metadata.labels[\"kubevirt.io/domain\"] | testvm",
      ".metadata.labels['kubevirt.io/domain'] | testvm",
      ".status.conditions[type=Ready].status | True",
      ".status.conditions[@.type=\"Ready\"].status | True",
      ".status.replicas | 3",
      ".status.ready | true"})
  void readsThePathAsText(String path, String expected) {
    assertThat(ObjectPath.parse(path).readText(VMI)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({".status.missing", ".status.interfaces[5].ipAddress", ".status.conditions[type=Paused].status",
      ".status.phase.deeper", ".status.interfaces.ipAddress"})
  void aMissingStepReadsAsEmpty(String path) {
    assertThat(ObjectPath.parse(path).read(VMI)).isEmpty();
  }

  @Test
  void wholeNumbersReadFromJsonDoublesLoseTheirFraction() {
    assertThat(ObjectPath.parse(".a").readText(Map.of("a", 2.0))).contains("2");
    assertThat(ObjectPath.parse(".a").readText(Map.of("a", 2.5))).contains("2.5");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"'' | empty field path", ". | empty field path",
      ".status..phase | empty name at column 8", ".status.conditions[0 | never closed",
      ".status[x] | neither an index"})
  void badPathsSayWhatIsWrong(String path, String message) {
    assertThatThrownBy(() -> ObjectPath.parse(path)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
