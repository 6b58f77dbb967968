package dev.provision.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostics;
import dev.provision.template.Templates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ansible's {@code !unsafe}: a value never templated. Held as one raw block, it survives variables,
 * structures and text templates as written, and a module receives its text.
 */
class UnsafeTagTest {

  private final Templates templates = new Templates();

  private static Object read(String yaml) {
    Diagnostics out = new Diagnostics();
    Object value = YamlReader.readAll("vars.yml", yaml, out).get(0).toPlain();
    assertThat(out.asList()).isEmpty();
    return value;
  }

  @Test
  void anUnsafeValueIsNeverTemplatedInATextAStructureOrACondition() throws Exception {
    Map<?, ?> vars = (Map<?, ?>) read("fmt: !unsafe '{{.Names}}'\nrules: [{summary: !unsafe 'x {{ $labels.i }}'}]\nb: !unsafe plain\n");
    Map<String, Object> scope = Map.of("fmt", vars.get("fmt"), "rules", vars.get("rules"));
    assertThat(vars.get("b")).isEqualTo("plain");
    assertThat(templates.render("docker ps --format '{{ fmt }}'", scope)).isEqualTo("docker ps --format '{{.Names}}'");
    assertThat(String.valueOf(templates.render("{{ rules | to_nice_yaml }}", scope))).contains("summary: 'x {{ $labels.i }}'");
    assertThat(templates.test("fmt == '{' ~ '{.Names}}' and fmt | length == 10", scope)).isTrue();
    // between variables it stays unsafe; where a module receives it, it is its text
    Object value = templates.render("{{ fmt }}", scope);
    assertThat(UnsafeText.is(value)).isTrue();
    assertThat(UnsafeText.reveal(Map.of("a", List.of(value)))).isEqualTo(Map.of("a", List.of("{{.Names}}")));
  }

  @Test
  void aTextHoldingEndrawIsAWarningAtItsPlaceAndTemplatedAsBefore() {
    Diagnostics out = new Diagnostics();
    YMap map = (YMap) YamlReader.readAll("vars.yml", "a: !unsafe '{{ x }}{% endraw %}'\n", out).get(0);
    assertThat(((YScalar) map.entries().get("a")).text()).isEqualTo("{{ x }}{% endraw %}");
    assertThat(out.asList()).singleElement().satisfies(d -> {
      assertThat(d.isError()).isFalse();
      assertThat(d.span().line()).isEqualTo(1);
      assertThat(d.summary()).contains("not supported yet");
    });
  }
}
