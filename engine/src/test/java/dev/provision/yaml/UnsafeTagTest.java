package dev.provision.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostics;
import org.junit.jupiter.api.Test;

/** Ansible's {@code !unsafe} is not honoured yet: where it would matter (template markers), a warning says so. */
class UnsafeTagTest {

  @Test
  void anUnsafeValueWithTemplateMarkersIsAWarningAtItsPlaceAndOneWithoutIsQuiet() {
    Diagnostics out = new Diagnostics();
    YMap map = (YMap) YamlReader.readAll("vars.yml", "a: !unsafe 'p{{w'\nb: !unsafe plain\n", out).get(0);
    assertThat(((YScalar) map.entries().get("a")).text()).isEqualTo("p{{w");
    assertThat(((YScalar) map.entries().get("b")).text()).isEqualTo("plain");
    assertThat(out.asList()).singleElement().satisfies(d -> {
      assertThat(d.isError()).isFalse();
      assertThat(d.span().line()).isEqualTo(1);
      assertThat(d.summary()).contains("`!unsafe` is not supported yet");
    });
  }
}
