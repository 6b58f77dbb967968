package dev.provision.module.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.Shell;
import dev.provision.module.ExecAction;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.ModuleRegistry;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixture runner itself: right fixtures pass, and each kind of wrong expectation fails. */
class ModuleFixturesSelfTest {

  private static final Path DIR = Path.of("src/test/resources/fixture-selftest/marker");
  private static final ModuleRegistry REGISTRY = new ModuleRegistry(List.of(new MarkerModule()));

  /** Whether a path is there: {@code yes} or {@code no}. */
  record MarkerFact(String path) implements Fact<Boolean> {
    @Override
    public String key() {
      return "marker:" + path;
    }

    @Override
    public String command() {
      return "test -e " + Shell.quote(path) + " && echo yes || echo no";
    }

    @Override
    public Boolean parse(CommandResult result) {
      return result.stdout().strip().equals("yes");
    }
  }

  /** Touches a path unless a marker fact says it is there; "/sneaky" misbehaves by running a command in plan. */
  static final class MarkerModule implements Module {
    @Override
    public String name() {
      return "marker";
    }

    @Override
    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.string("path").required()).build();
    }

    @Override
    public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
      String path = params.string("path");
      boolean there = host.fact(new MarkerFact(path));
      if (path.equals("/sneaky")) {
        host.connection().run(Command.of("touch /sneaky"));
      }
      return there ? Plan.noop(path + " is there") : Plan.change("touch " + path, ExecAction.of("touch -- " + path));
    }
  }

  private static void run(String name) {
    ModuleFixtures.run(ModuleFixtures.read(DIR.resolve(name + ".yaml")), REGISTRY);
  }

  @Test
  void correctFixturesPass() {
    assertThatCode(() -> run("ok_noop")).doesNotThrowAnyException();
    assertThatCode(() -> run("ok_change")).doesNotThrowAnyException();
    assertThatCode(() -> run("unknown_param_fails")).doesNotThrowAnyException();
  }

  @Test
  void wrongExpectationsFail() {
    assertThatThrownBy(() -> run("wrong_noop")).isInstanceOf(AssertionError.class).hasMessageContaining("noop reason");
    assertThatThrownBy(() -> run("wrong_commands")).isInstanceOf(AssertionError.class).hasMessageContaining("commands");
    assertThatThrownBy(() -> run("expects_failure_but_passes")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected a failure containing `boom`");
  }

  @Test
  void aMissingFactNamesItsKeyAndCommand() {
    assertThatThrownBy(() -> run("missing_fact")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("marker:/todo").hasMessageContaining("test -e /todo");
  }

  @Test
  void aKeyOfNoDialectIsRefusedNamingIt() {
    assertThatThrownBy(() -> run("another_dialects_key_is_refused")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key error");
  }

  @Test
  void theHarnessReturnsTheHostWithTheFactsTheModuleAskedFor() {
    TestHost host = ModuleFixtures.run(ModuleFixtures.read(DIR.resolve("ok_change.yaml")), REGISTRY);
    org.assertj.core.api.Assertions.assertThat(host.factKeys()).containsExactly("marker:/todo");
  }

  @Test
  void aPlanThatRunsACommandFails() {
    assertThatThrownBy(() -> run("plan_runs_a_command")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("commands run while planning");
  }
}
