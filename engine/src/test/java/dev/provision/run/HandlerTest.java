package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Play;
import dev.provision.playbook.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handlers: once per host, after the play's tasks, only where a notifying task changed something. */
class HandlerTest {

  @TempDir
  Path dir;

  private Inventory inventory() throws Exception {
    Files.createDirectories(dir.resolve("h1"));
    Files.createDirectories(dir.resolve("h2"));
    Files.writeString(dir.resolve("h2/a.txt"), "a"); // h2 already has both files: nothing to notify
    Files.writeString(dir.resolve("h2/b.txt"), "b");
    return Fixtures.inventory(List.of("h1", "h2"), Map.of(),
        Map.of("h1", Map.of("root", dir.resolve("h1").toString()), "h2", Map.of("root", dir.resolve("h2").toString())));
  }

  private static Play site() {
    Task a = task("a", "put_file", Map.of("path", "{{ root }}/a.txt", "content", "a")).b().toBuilder().notifies(List.of("reload")).build();
    Task b = task("b", "put_file", Map.of("path", "{{ root }}/b.txt", "content", "b")).b().toBuilder().notifies(List.of("reload")).build();
    Task after = task("after", "echo", Map.of("value", "tasks done")).b();
    Task reload = task("reload", "put_file", Map.of("path", "{{ root }}/reloads", "content", "{{ now }}")).b();
    Task unused = task("unused", "put_file", Map.of("path", "{{ root }}/unused", "content", "x")).b();
    return Fixtures.withHandlers(Fixtures.withVars(play("p", "all", List.of(), a, b, after), Map.of("now", "1")),
        reload, unused);
  }

  @Test
  void aHandlerRunsOnceAfterTheTasksOnlyWhereANotifyingTaskChanged() throws Exception {
    Inventory inv = inventory();
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(site()), inv, Mode.APPLY);

    assertThat(h.sink.result("reload", "h1").status()).isEqualTo(Status.CHANGED);
    assertThat(dir.resolve("h1/reloads")).hasContent("1");
    assertThat(h.sink.finished().stream().filter(f -> f.host().equals("h1")).map(f -> f.task()).toList())
        .containsExactly("a", "b", "after", "reload", "unused");
    assertThat(h.sink.result("reload", "h2").status()).isEqualTo(Status.SKIPPED);
    assertThat(h.sink.result("reload", "h2").message()).isEqualTo("not notified");
    assertThat(dir.resolve("h2/reloads")).doesNotExist();
    assertThat(h.sink.result("unused", "h1").status()).isEqualTo(Status.SKIPPED);

    Harness again = new Harness(EngineTestModules.registry());
    again.run(playbook(site()), inv, Mode.APPLY);
    assertThat(again.sink.result("reload", "h1").status()).isEqualTo(Status.SKIPPED);
  }

  @Test
  void aPlanShowsTheHandlersThatWouldRun() throws Exception {
    Inventory inv = inventory();
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(site()), inv, Mode.PLAN);

    assertThat(h.sink.result("reload", "h1").status()).isEqualTo(Status.CHANGED);
    assertThat(h.sink.result("reload", "h2").status()).isEqualTo(Status.SKIPPED);
    assertThat(dir.resolve("h1/reloads")).doesNotExist();
  }

  @Test
  void aHandlerNotifiedByATaskKnownOnlyAfterApplyIsKnownAfterApplyAndListenTopicsWork() throws Exception {
    Task reads = task("reads", "put_file", Map.of("path", "{{ root }}/c.txt", "content", "{{ w.changed }}")).b()
        .toBuilder().notifies(List.of("files changed")).build();
    Task write = task("write", "put_file", Map.of("path", "{{ root }}/a.txt", "content", "new")).register("w").b();
    Task listener = task("listener", "echo", Map.of("value", "x")).b().toBuilder().listen(List.of("files changed"))
        .build();
    Play p = Fixtures.withHandlers(play("p", "all", List.of(), write, reads), listener);

    Harness plan = new Harness(EngineTestModules.registry());
    plan.run(playbook(p), inventory(), Mode.PLAN);
    assertThat(plan.sink.result("listener", "h1").status()).isEqualTo(Status.DEFERRED);

    Harness apply = new Harness(EngineTestModules.registry());
    apply.run(playbook(p), inventory(), Mode.APPLY);
    assertThat(apply.sink.result("listener", "h1").status()).isEqualTo(Status.OK);
  }
}
