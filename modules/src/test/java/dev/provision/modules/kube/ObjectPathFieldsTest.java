package dev.provision.modules.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.module.ModuleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The path syntax kube_info's {@code fields} and the summary table use (merged from FieldPath). */
class ObjectPathFieldsTest {

  private static final String OBJECT = """
      metadata:
        name: kubevirt
        annotations: {kubevirt.io/latest-observed-api-version: v1, "odd]key": x}
      status:
        observedKubeVirtVersion: v0.59.1
        conditions: [{type: Available, status: "True"}, {type: Degraded, status: "False"}]
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      ".status.observedKubeVirtVersion                     | v0.59.1",
      "status.observedKubeVirtVersion                      | v0.59.1",
      ".status.conditions[1].type                          | Degraded",
      ".status.conditions[-1].status                       | False",
      ".metadata.annotations[\"kubevirt.io/latest-observed-api-version\"] | v1",
      ".metadata.annotations['odd]key']                    | x",
      ".status.conditions[5].type                          | NULL",
      ".status.missing.deeper                              | NULL",
      ".metadata.name[0]                                   | NULL"})
  void readsDottedPathsIndexesAndQuotedKeys(String path, String expected) throws Exception {
    assertThat(ObjectPath.parse(path).read(KubeYaml.parse(OBJECT, "object")).orElse(null)).isEqualTo(expected);
  }

  @Test
  void badPathsAreExplained() {
    assertThatThrownBy(() -> ObjectPath.param("fields.phase", ".status..phase")).isInstanceOf(ModuleException.class)
        .hasMessageContaining("`fields.phase`: empty name at column 8");
    assertThatThrownBy(() -> ObjectPath.param("fields.a", ".a[b]"))
        .hasMessageContaining("is neither an index ([0]), a quoted key ([\"a.b\"]) nor a match ([type=Ready])");
    assertThatThrownBy(() -> ObjectPath.param("fields.a", ".a[\"b")).hasMessageContaining("is never closed");
  }
}
