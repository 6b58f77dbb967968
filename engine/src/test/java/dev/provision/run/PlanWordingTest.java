package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Inventory;
import dev.provision.module.HostContext;
import dev.provision.module.Mode;
import dev.provision.module.Module;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules do not know the mode. They word a change once, in the imperative; the engine words it
 * for the run ("would ..." when only planned), and tells a module only whether an earlier task of
 * the plan would change its host first ({@link HostContext#changesPending()}).
 */
class PlanWordingTest {

  @TempDir
  Path dir;

  /** {@code pending: {}}: read-only; registers what {@link HostContext#changesPending()} said. */
  static final class Pending implements Module {
    @Override
    public String name() {
      return "pending";
    }

    @Override
    public ParamSchema schema() {
      return ParamSchema.builder().build();
    }

    @Override
    public Plan plan(Params params, HostContext host) {
      return Plan.noop("pending: " + host.changesPending(), Map.of("pending", host.changesPending()));
    }
  }

  private Inventory inventory() throws Exception {
    Files.createDirectories(dir.resolve("h1"));
    Files.createDirectories(dir.resolve("h2"));
    Files.writeString(dir.resolve("h2/a.txt"), "a");
    return Fixtures.inventory(List.of("h1", "h2"), Map.of(),
        Map.of("h1", Map.of("root", dir.resolve("h1").toString()), "h2", Map.of("root", dir.resolve("h2").toString())));
  }

  private Harness run(Mode mode) throws Exception {
    Harness h = new Harness(EngineTestModules.registry(new Pending()));
    h.run(playbook(play("p", "all", List.of(),
        task("before", "pending", Map.of()).b(),
        task("write", "put_file", Map.of("path", "{{ root }}/a.txt", "content", "a")).b(),
        task("after", "pending", Map.of()).b())), inventory(), mode);
    return h;
  }

  @Test
  void aPlannedChangeReadsWouldAndTheSameChangeAppliedReadsAsTheModuleSaidIt() throws Exception {
    Harness plan = run(Mode.PLAN);
    assertThat(plan.sink.result("write", "h1").message()).isEqualTo("would write " + dir.resolve("h1/a.txt"));
    assertThat(plan.sink.result("write", "h1").actions()).containsExactly("write " + dir.resolve("h1/a.txt"));
    assertThat(plan.sink.result("write", "h2").message()).isEqualTo("file " + dir.resolve("h2/a.txt")
        + " already has this content");

    Harness apply = run(Mode.APPLY);
    assertThat(apply.sink.result("write", "h1").message()).isEqualTo("write " + dir.resolve("h1/a.txt"));
    assertThat(apply.sink.result("write", "h2").message()).isEqualTo(plan.sink.result("write", "h2").message());
  }

  @Test
  void aChangeThatRunsInAPlanTooReadsAsMadeBecauseItWasMade() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(play("p", "all", List.of(),
        task("write", "put_file", Map.of("path", "{{ root }}/a.txt", "content", "a")).checkMode(false).b())),
        inventory(), Mode.PLAN);
    assertThat(h.sink.result("write", "h1").message()).isEqualTo("write " + dir.resolve("h1/a.txt"));
    assertThat(dir.resolve("h1/a.txt")).hasContent("a");
  }

  @Test
  void changesArePendingOnlyInAPlanOnlyOnTheHostAnEarlierTaskWouldChangeAndOnlyAfterIt() throws Exception {
    Harness plan = run(Mode.PLAN);
    assertThat(plan.sink.result("before", "h1").data()).containsEntry("pending", false);
    assertThat(plan.sink.result("after", "h1").data()).containsEntry("pending", true);
    assertThat(plan.sink.result("after", "h2").data()).as("h2 already had the file").containsEntry("pending", false);

    Harness apply = run(Mode.APPLY);
    assertThat(apply.sink.result("after", "h1").data()).as("the change was made").containsEntry("pending", false);
  }
}
