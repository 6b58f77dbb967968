package dev.provision.run;

import static dev.provision.run.Fixtures.hosts;
import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.DiagnosticsException;
import dev.provision.event.Status;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.ModuleRegistry;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.playbook.PlaybookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine names no module: what set_fact, assert and debug do specially, any module gets by
 * declaring it in its schema. These modules have other names and the same declarations.
 */
class ModuleDeclarationsTest {

  @TempDir
  Path dir;

  /** {@code remember: {NAME: VALUE, ..., quietly: bool}}: sets host variables, like set_fact. */
  static final class Remember implements Module {
    @Override
    public String name() {
      return "remember";
    }

    @Override
    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.bool("quietly").defaultsTo(false)).definesVariables().build();
    }

    @Override
    public Plan plan(Params params, HostContext host) {
      Map<String, Object> facts = new java.util.LinkedHashMap<>(params.asMap());
      facts.remove("quietly");
      return Plan.noop("remembered", Map.of("ansible_facts", facts));
    }
  }

  /** {@code expect: {condition: EXPR, note: TEXT}}: fails unless the bare expression holds, like assert. */
  static final class Expect implements Module {
    @Override
    public String name() {
      return "expect";
    }

    @Override
    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.string("condition").required().expression())
          .param(Param.string("note")).build();
    }

    @Override
    public Plan plan(Params params, HostContext host) throws ModuleException {
      if (!host.test(params.string("condition"))) {
        throw new ModuleException("expected " + params.string("condition"));
      }
      return Plan.noop("as expected");
    }
  }

  private static ModuleRegistry registry() {
    return EngineTestModules.registry(new Remember(), new Expect());
  }

  @Test
  void theSchemaSaysWhichParametersAreExpressionsAndWhichKeysAreVariables() {
    ParamSchema remember = new Remember().schema();
    assertThat(remember.variablesDefinedBy(Map.of("x", 1, "quietly", true))).containsExactly("x");
    assertThat(new Expect().schema().variablesDefinedBy(Map.of("condition", "x"))).isEmpty();
    assertThat(new Expect().schema().expressionKeys()).containsExactly("condition");
    assertThat(remember.expressionKeys()).isEmpty();
  }

  @Test
  void variablesADeclaringModuleSetsAreDefinedForTheCheckAndUsable() throws Exception {
    Harness h = new Harness(registry());
    h.run(playbook(play("p", "all", List.of(),
        task("set", "remember", Map.of("colour", "blue")).b(),
        task("use", "echo", Map.of("value", "{{ colour }}")).b())), hosts("h1"), dev.provision.module.Mode.APPLY);
    assertThat(h.sink.result("use", "h1").data()).containsEntry("value", "blue");

    // the same read without the declaring task: nothing defines it
    assertThatThrownBy(() -> new Harness(registry()).run(playbook(play("p", "all", List.of(),
        task("use", "echo", Map.of("value", "{{ colour }}")).b())), hosts("h1"), dev.provision.module.Mode.APPLY))
        .isInstanceOf(DiagnosticsException.class).hasMessageContaining("`colour`");
  }

  @Test
  void inAPlanTheVariablesOfADeferredDeclaringTaskAreUnknownToo() throws Exception {
    Harness h = new Harness(registry());
    h.run(playbook(play("p", "all", List.of(),
        task("write", "put_file", Map.of("path", dir.resolve("f").toString(), "content", "x")).register("w").b(),
        task("set", "remember", Map.of("written", "{{ w.changed }}")).b(),
        task("use", "echo", Map.of("value", "{{ written }}")).b())), hosts("h1"), dev.provision.module.Mode.PLAN);
    assertThat(h.sink.status("set", "h1")).isEqualTo(Status.DEFERRED);
    assertThat(h.sink.result("use", "h1").message()).isEqualTo("known after apply: arguments read `written`");
  }

  @Test
  void aParameterDeclaredAnExpressionIsCheckedAsOneBeforeTheRun() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), """
        - hosts: all
          tasks:
            - expect: {condition: "1 +", note: "1 +"}
        """);
    assertThatThrownBy(() -> new PlaybookLoader(registry()).load(bad)).isInstanceOf(DiagnosticsException.class)
        .satisfies(e -> assertThat(((DiagnosticsException) e).diagnostics().asList())
            .as("only the expression is read as one; the same text elsewhere is plain text").hasSize(1)
            .allSatisfy(d -> assertThat(d.span().line()).isEqualTo(3)));
  }
}
