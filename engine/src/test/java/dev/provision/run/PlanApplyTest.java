package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Recap;
import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan and apply are one walk: the plan changes nothing and predicts exactly what apply changes. */
class PlanApplyTest {

  @TempDir
  Path dir;

  private Inventory inventory() throws Exception {
    Files.createDirectories(dir.resolve("h1"));
    Files.createDirectories(dir.resolve("h2"));
    Files.writeString(dir.resolve("h1/b.txt"), "b");
    return Fixtures.inventory(List.of("h1", "h2"), Map.of(),
        Map.of("h1", Map.of("root", dir.resolve("h1").toString()), "h2", Map.of("root", dir.resolve("h2").toString())));
  }

  private static Playbook playbook_() {
    return playbook(
        play("files", "all", List.of(),
            task("a", "put_file", Map.of("path", "{{ root }}/a.txt", "content", "hello {{ inventory_hostname }}"))
                .register("w").b(),
            task("b", "put_file", Map.of("path", "{{ root }}/b.txt", "content", "b")).b(),
            task("report", "echo", Map.of("value", "{{ w.changed }}")).b(),
            task("only if changed", "echo", Map.of("value", 1)).when("w.changed").b(),
            task("remember", "set_fact", Map.of("wrote", "{{ w.changed }}")).b(),
            task("use fact", "echo", Map.of("value", "{{ wrote }}")).b(),
            task("independent", "echo", Map.of("value", "{{ inventory_hostname }}")).b()),
        play("later", "all", List.of("files"),
            task("c", "put_file", Map.of("path", "{{ root }}/c.txt", "content", "c")).b()));
  }

  @Test
  void planChangesNothingAndPredictsExactlyWhatApplyChanges() throws Exception {
    Inventory inv = inventory();
    Harness plan = new Harness(EngineTestModules.registry());
    Recap planned = plan.run(playbook_(), inv, Mode.PLAN);
    assertThat(Files.exists(dir.resolve("h1/a.txt"))).isFalse();
    assertThat(Files.exists(dir.resolve("h2/b.txt"))).isFalse();
    assertThat(plan.sink.with(Status.CHANGED)).containsExactlyInAnyOrder("a@h1", "a@h2", "b@h2", "c@h1", "c@h2");
    assertThat(plan.sink.result("b", "h2").diffs()).singleElement().satisfies(d -> assertThat(d.after()).isEqualTo("b"));
    assertThat(plan.sink.result("b", "h1").message()).endsWith("already has this content");
    assertThat(planned.exitCode(Mode.PLAN)).isEqualTo(2);

    Harness apply = new Harness(EngineTestModules.registry());
    Recap applied = apply.run(playbook_(), inv, Mode.APPLY);
    assertThat(apply.sink.with(Status.CHANGED)).containsExactlyInAnyOrderElementsOf(plan.sink.with(Status.CHANGED));
    assertThat(Files.readString(dir.resolve("h2/a.txt"))).isEqualTo("hello h2");
    assertThat(applied.exitCode(Mode.APPLY)).isZero();
    assertThat(apply.sink.result("report", "h1").data().get("value")).isEqualTo(true);

    Harness again = new Harness(EngineTestModules.registry());
    Recap second = again.run(playbook_(), inv, Mode.PLAN);
    assertThat(again.sink.with(Status.CHANGED)).isEmpty();
    assertThat(again.sink.with(Status.DEFERRED)).isEmpty();
    assertThat(again.sink.status("only if changed", "h1")).isEqualTo(Status.SKIPPED);
    assertThat(second.exitCode(Mode.PLAN)).isZero();
    Harness reapply = new Harness(EngineTestModules.registry());
    reapply.run(playbook_(), inv, Mode.APPLY);
    assertThat(reapply.recap.total(Status.CHANGED)).isZero();
  }

  @Test
  void tasksThatReadAResultKnownOnlyAfterApplyAreDeferredNotGuessed() throws Exception {
    Inventory inv = inventory();
    Harness plan = new Harness(EngineTestModules.registry());
    Recap planned = plan.run(playbook_(), inv, Mode.PLAN);
    assertThat(plan.sink.with(Status.DEFERRED)).containsExactlyInAnyOrder(
        "report@h1", "report@h2", "only if changed@h1", "only if changed@h2", "remember@h1", "remember@h2",
        "use fact@h1", "use fact@h2");
    assertThat(plan.sink.result("report", "h1").message()).isEqualTo("known after apply: arguments read `w`");
    assertThat(plan.sink.result("only if changed", "h1").message()).isEqualTo("known after apply: `when` reads `w`");
    assertThat(plan.sink.result("use fact", "h2").message()).contains("`wrote`");
    assertThat(plan.sink.status("independent", "h1")).isEqualTo(Status.OK);
    assertThat(planned.total(Status.DEFERRED)).isEqualTo(8);
    assertThat(planned.total(Status.SKIPPED)).isZero();
  }

  @Test
  void checkModeIsVisibleToTemplatesAndAChangeInvalidatesTheFactMemoInApply() throws Exception {
    Inventory inv = inventory();
    Playbook pb = playbook(play("p", "h1", List.of(),
        task("write", "put_file", Map.of("path", "{{ root }}/m.txt", "content", "one")).b(),
        task("same again", "put_file", Map.of("path", "{{ root }}/m.txt", "content", "one")).b()));
    Harness apply = new Harness(EngineTestModules.registry());
    apply.run(pb, inv, Mode.APPLY);
    // after the first task changed the file, the second one re-reads it and finds nothing to do
    assertThat(apply.sink.status("write", "h1")).isEqualTo(Status.CHANGED);
    assertThat(apply.sink.status("same again", "h1")).isEqualTo(Status.OK);
    assertThat(apply.connections.commands.stream().filter(c -> c.contains("cat ") && c.contains("m.txt 2>")).count())
        .isEqualTo(2);
  }
}
