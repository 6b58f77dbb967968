package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.connection.Command;
import dev.provision.connection.ConnectionException;
import dev.provision.diag.DiagnosticsException;
import dev.provision.inventory.Inventory;
import dev.provision.module.HostContext;
import dev.provision.module.Mode;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code environment} on plays, roles, blocks and tasks: merged variable by variable, the inner
 * level's over the outer's, rendered per host, and given to every command the task's module runs,
 * never on its command line.
 */
class EnvironmentKeywordTest {

  @TempDir
  Path dir;

  /** {@code sh: {script}}: runs the script on the host (in plan too: it only reads) and reports its output. */
  private static final class Sh implements Module {
    public String name() {
      return "sh";
    }

    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.string("script").required()).build();
    }

    public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
      return Plan.noop(host.connection().run(Command.of(params.string("script"))).stdout().strip(), Map.of());
    }
  }

  private Playbook load(String yaml) throws Exception {
    Path file = dir.resolve("site.yml");
    Files.writeString(file, yaml);
    return new PlaybookLoader(EngineTestModules.registry(new Sh())).load(file);
  }

  @Test
  void theLevelsMergeVariableByVariableAndEveryCommandOfTheTaskHasThem() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          vars: {who: "{{ inventory_hostname }}", envs: {D: from a template}}
          environment: {A: play, B: play, C: play}
          tasks:
            - block:
                - {name: merged, sh: {script: 'echo "$A-$B-$C"'}, environment: {C: "task {{ who }}"}}
                - {name: whole, sh: {script: 'echo "${A:-none}-$D"'}, environment: "{{ envs }}"}
              environment: {B: block}
            - {name: secret, sh: {script: 'printf %s "$TOKEN" | wc -c'}, environment: {TOKEN: "{{ token }}"}}
        """);
    Inventory inventory = Fixtures.hosts("h1");
    Harness h = new Harness(EngineTestModules.registry(new Sh()));
    h.run(book, inventory, new RunOptions(Mode.PLAN, 5, null, Set.of(), Set.of(), Map.of("token", "s3cret"),
        Set.of("token"), false));

    assertThat(h.sink.result("merged", "h1").message()).isEqualTo("play-block-task h1");
    assertThat(h.sink.result("whole", "h1").message()).as("a template gives the whole environment, replacing the play's")
        .isEqualTo("none-from a template");
    assertThat(h.sink.result("secret", "h1").message()).isEqualTo("6");
    assertThat(h.connections.commands).as("the values are never in a command's text").noneMatch(c -> c.contains("s3cret"))
        .noneMatch(c -> c.contains("task h1"));
  }

  @Test
  void aWrongShapeOrNameIsAnErrorWithItsPlace() throws Exception {
    DiagnosticsException e = catchThrowableOfType(() -> load("""
        - hosts: all
          environment: [A]
          tasks:
            - {name: a, sh: {script: x}, environment: {bad-name: 1, B: [1]}}
        """), DiagnosticsException.class);
    assertThat(e.diagnostics().asList()).extracting(d -> d.span().line() + ":" + d.span().column() + " " + d.summary())
        .containsExactly(
            "2:16 `environment` must be a mapping of environment variables to values, not a list",
            "4:48 `bad-name` is not a valid environment variable name",
            "4:64 the value of `B` must be a string, not a list");
  }
}
