package dev.provision.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.yaml.YamlReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modules are found by the name and the aliases they declare; two modules may not share a key. */
class ModuleRegistryTest {

  /** A module with a name, some aliases and one parameter that is not supported yet. */
  private record Named(String name, List<String> aliases) implements Module {
    @Override
    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.string("path"))
          .param(Param.string("api_key").notSupportedYet("give the cluster's credentials in a kubeconfig"))
          .build();
    }

    @Override
    public Plan plan(Params params, HostContext host) {
      return Plan.noop("nothing");
    }
  }

  @Test
  void anAliasFindsTheModuleThatDeclaresIt() {
    Named k8s = new Named("kubernetes.core.k8s", List.of("k8s", "community.kubernetes.k8s"));
    ModuleRegistry registry = new ModuleRegistry(List.of(k8s, new Named("command", List.of())));

    assertThat(registry.find("k8s")).containsSame(k8s);
    assertThat(registry.find("community.kubernetes.k8s")).containsSame(k8s);
    assertThat(registry.find("kubernetes.core.k8s")).containsSame(k8s);
    assertThat(registry.find("kubernetes.core.k8s_info")).isEmpty();
    assertThat(registry.names()).containsExactly("command", "kubernetes.core.k8s");
    assertThat(registry.keys()).containsExactlyInAnyOrder("command", "kubernetes.core.k8s", "k8s",
        "community.kubernetes.k8s");
  }

  @Test
  void twoModulesClaimingOneKeyAreRefusedNamingBoth() {
    assertThatThrownBy(() -> new ModuleRegistry(List.of(new Named("kubernetes.core.k8s", List.of("k8s")),
        new Named("k8s", List.of()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("`k8s` names two modules").hasMessageContaining("kubernetes.core.k8s");
  }

  @Test
  void aParameterNotSupportedYetIsRefusedWithItsHintBeforeAndAtRunTime() {
    ParamSchema schema = new Named("k8s", List.of()).schema();
    Diagnostics d = schema.check("k8s", YamlReader.readAll("t.yaml", "api_key: abc\npath: /x\n",
        new Diagnostics()).get(0), SourceSpan.at("t.yaml", 1, 1));

    assertThat(d.asList()).singleElement().satisfies(e -> {
      assertThat(e.summary()).isEqualTo("parameter `api_key` of `k8s` is not supported yet");
      assertThat(e.hint()).isEqualTo("give the cluster's credentials in a kubeconfig");
      assertThat(e.span().line()).isEqualTo(1);
    });
    assertThatThrownBy(() -> schema.bind("k8s", java.util.Map.of("api_key", "abc")))
        .isInstanceOf(ModuleException.class)
        .hasMessage("parameter `api_key` of `k8s` is not supported yet: give the cluster's credentials in a kubeconfig");
    assertThat(schema.check("k8s", YamlReader.readAll("t.yaml", "path: /x\n", new Diagnostics()).get(0),
        SourceSpan.at("t.yaml", 1, 1)).asList()).isEmpty();
  }
}
