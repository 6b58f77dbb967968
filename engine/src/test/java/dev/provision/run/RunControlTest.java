package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Event;
import dev.provision.event.Recap;
import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunControlTest {

  @Test
  void cancelInterruptsRunningTasksStartsNothingNewAndStillSendsTheRecap() throws Exception {
    EngineTestModules.Recorder rec = new EngineTestModules.Recorder();
    Harness h = new Harness(EngineTestModules.registry(new EngineTestModules.Work(rec)));
    Runner runner = h.runner();
    Instant start = Instant.now();
    CompletableFuture<Recap> run = CompletableFuture.supplyAsync(() -> {
      try {
        return runner.run(playbook(play("p", "all", List.of(),
            task("long", "work", Map.of("id", "l", "millis", 30_000)).b(),
            task("next", "work", Map.of("id", "n", "millis", 10)).b())), Fixtures.hosts("h1", "h2"),
            RunOptions.defaults(Mode.APPLY));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    while (rec.running.get() < 2 && Duration.between(start, Instant.now()).toSeconds() < 10) {
      Thread.sleep(10);
    }
    runner.cancel();
    Recap recap = run.get(10, TimeUnit.SECONDS);
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
    assertThat(runner.cancelled()).isTrue();
    assertThat(recap.total(Status.FAILED)).isEqualTo(2);
    assertThat(rec.intervals).extracting(EngineTestModules.Recorder.Interval::id).containsOnly("l");
    assertThat(h.sink.events.get(h.sink.events.size() - 1)).isInstanceOf(Event.RunFinished.class);
  }

  @Test
  void becomeComesFromTheTaskThenThePlayThenTheInventory() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    Inventory inv = Fixtures.inventory(List.of("root", "plain"), Map.of(),
        Map.of("root", Map.of("ansible_become", "yes")));
    h.run(playbook(
        play("inv", "all", List.of(), task("inherit", "echo", Map.of()).b(),
            task("task says no", "echo", Map.of()).become(false).b()),
        Fixtures.becoming(play("play", "all", List.of(), task("from play", "echo", Map.of()).b()), false)), inv,
        Mode.PLAN);
    assertThat(h.sink.result("inherit", "root").data()).containsEntry("become", true);
    assertThat(h.sink.result("inherit", "plain").data()).containsEntry("become", false);
    assertThat(h.sink.result("task says no", "root").data()).containsEntry("become", false);
    assertThat(h.sink.result("from play", "root").data()).containsEntry("become", false);
  }

  @Test
  void implicitLocalhostRunsOnTheControlNode() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    Recap recap = h.run(playbook(play("p", "localhost", List.of(), task("here", "echo", Map.of("value",
        "{{ inventory_hostname }}")).b())), Fixtures.hosts("web1"), Mode.APPLY);
    assertThat(h.sink.result("here", "localhost").data()).containsEntry("value", "localhost");
    assertThat(recap.hosts()).extracting(Recap.HostRecap::host).containsExactly("localhost");
  }
}
