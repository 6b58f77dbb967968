package dev.provision.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostics;
<<<<<<< HEAD
import dev.provision.diag.SourceSpan;
import dev.provision.yaml.YamlReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamSchemaAnyKeysTest {

  private final ParamSchema setFact =
      ParamSchema.builder().param(Param.bool("cacheable").defaultsTo(false)).anyKeys().build();
  private final ParamSchema strict = ParamSchema.builder().param(Param.string("dest")).build();

  @Test
  void anyKeysAcceptsUndeclaredKeysAndStillChecksDeclaredOnes() {
    Diagnostics read = new Diagnostics();
    var node = YamlReader.readAll("t.yaml", "kernel: 5.14\nanything: [1]\ncacheable: perhaps\n", read).get(0);
    Diagnostics found = setFact.check("set_fact", node, SourceSpan.at("t.yaml", 1, 1));
    assertThat(found.asList()).extracting(d -> d.summary())
        .containsExactly("parameter `cacheable` of `set_fact` must be a boolean, not a string");
  }

  @Test
  void anyKeysBindsUndeclaredKeysAsGiven() throws ModuleException {
    Params p = setFact.bind("set_fact", Map.of("kernel", "5.14"));
    assertThat(p.asMap()).containsEntry("kernel", "5.14").containsEntry("cacheable", false);
  }

  @Test
  void withoutAnyKeysAnUndeclaredKeyIsRefused() {
    assertThatThrownBy(() -> strict.bind("copy", Map.of("dset", "/x"))).isInstanceOf(ModuleException.class);
    assertThat(strict.acceptsAnyKeys()).isFalse();
=======
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
>>>>>>> modules
  }
}
