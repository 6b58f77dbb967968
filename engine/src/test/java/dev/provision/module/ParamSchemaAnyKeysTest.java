package dev.provision.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostics;
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
  }
}
