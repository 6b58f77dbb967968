package dev.provision.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YamlReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code anyKeys()} lets set_fact-like modules take arbitrary names; others still refuse them. */
class ParamSchemaAnyKeysTest {

  private static YNode yaml(String text) {
    return YamlReader.readAll("t.yaml", text, new Diagnostics()).get(0);
  }

  @Test
  void undeclaredKeysPassThroughCheckAndBind() throws Exception {
    ParamSchema schema = ParamSchema.builder().param(Param.bool("cacheable").defaultsTo(false)).anyKeys().build();
    assertThat(schema.check("set_fact", yaml("a: 1\nb: [x]\ncacheable: yes\n"), null).hasErrors()).isFalse();
    Params p = schema.bind("set_fact", Map.of("a", 1L, "b", List.of("x"), "cacheable", "yes"));
    assertThat(p.asMap()).containsEntry("a", 1L).containsEntry("b", List.of("x")).containsEntry("cacheable", true);
  }

  @Test
  void declaredKeysAreStillChecked() {
    ParamSchema schema = ParamSchema.builder().param(Param.bool("cacheable")).anyKeys().build();
    assertThat(schema.check("set_fact", yaml("cacheable: maybe\n"), null).hasErrors()).isTrue();
  }

  @Test
  void withoutAnyKeysUnknownKeysAreErrors() {
    ParamSchema schema = ParamSchema.builder().param(Param.string("path")).build();
    assertThat(schema.check("file", yaml("pth: /x\n"), null).hasErrors()).isTrue();
    assertThatThrownBy(() -> schema.bind("file", Map.of("pth", "/x"))).hasMessageContaining("unknown parameter");
  }
}
