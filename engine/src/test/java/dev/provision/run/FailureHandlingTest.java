package dev.provision.run;

import static dev.provision.run.Fixtures.hosts;
import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Event;
import dev.provision.event.Recap;
import dev.provision.event.Status;
import dev.provision.module.Mode;
import dev.provision.playbook.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureHandlingTest {

  private static Task echo(String name) {
    return task(name, "echo", Map.of("value", name)).b();
  }

  @Test
  void aFailedNodeSkipsItsDownstreamAsUpstreamFailedWhileOthersGoOn() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    Recap recap = h.run(playbook(
        play("setup", "all", List.of(), echo("one"),
            task("boom", "fail", Map.of("msg", "boom on {{ inventory_hostname }}")).when("inventory_hostname == 'h2'").b(),
            echo("three")),
        play("after", "all", List.of("setup"), echo("four")),
        play("independent", "all", List.of(), echo("five"))), hosts("h1", "h2"), Mode.APPLY);
    assertThat(h.sink.status("boom", "h2")).isEqualTo(Status.FAILED);
    assertThat(h.sink.result("boom", "h2").message()).isEqualTo("boom on h2");
    assertThat(h.sink.status("three", "h1")).isEqualTo(Status.OK);
    assertThat(h.sink.result("three", "h2")).satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.SKIPPED);
      assertThat(r.message()).isEqualTo("upstream failed");
    });
    // the play that needs `setup` waits for every host of it, so it is skipped everywhere
    assertThat(h.sink.result("four", "h1").message()).isEqualTo("upstream failed");
    assertThat(h.sink.result("four", "h2").message()).isEqualTo("upstream failed");
    assertThat(h.sink.status("five", "h1")).isEqualTo(Status.OK);
    assertThat(h.sink.status("five", "h2")).isEqualTo(Status.OK);
    // the failure is counted once, not again for every skipped node
    assertThat(recap.total(Status.FAILED)).isEqualTo(1);
    assertThat(h.sink.with(Status.FAILED)).containsExactly("boom@h2");
    assertThat(recap.exitCode(Mode.APPLY)).isEqualTo(1);
  }

  @Test
  void ignoreErrorsLetsTheHostGoOnAndRegistersTheFailure() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    Recap recap = h.run(playbook(play("p", "all", List.of(),
        task("boom", "fail", Map.of("msg", "nope")).register("r").ignoreErrors().b(),
        task("after", "echo", Map.of("value", "{{ 'yes' if r.failed else 'no' }} {{ r.msg }}")).b())), hosts("h1"), Mode.APPLY);
    assertThat(h.sink.result("boom", "h1").message()).contains("nope").contains("ignored");
    assertThat(h.sink.result("after", "h1").data()).containsEntry("value", "yes nope");
    assertThat(recap.total(Status.FAILED)).isZero();
    assertThat(recap.exitCode(Mode.APPLY)).isZero();
  }

  @Test
  void anUnreachableHostIsReportedOnceAndItsOtherNodesAreSkipped() throws Exception {
    Harness h = new Harness(EngineTestModules.registry(), "down");
    Recap recap = h.run(playbook(
        Fixtures.gathering(play("p", "all", List.of(), echo("one"), echo("two"))),
        play("q", "all", List.of(), echo("three"))), hosts("up", "down"), Mode.APPLY);
    assertThat(h.sink.status("Gathering Facts", "down")).isEqualTo(Status.UNREACHABLE);
    assertThat(h.sink.result("one", "down").message()).isEqualTo("upstream failed");
    assertThat(h.sink.result("three", "down").message()).startsWith("host unreachable");
    assertThat(h.sink.status("two", "up")).isEqualTo(Status.OK);
    assertThat(h.sink.status("three", "up")).isEqualTo(Status.OK);
    Recap.HostRecap down = recap.hosts().stream().filter(r -> r.host().equals("down")).findFirst().orElseThrow();
    assertThat(down.unreachable()).isEqualTo(1);
    assertThat(down.failed()).isZero();
    assertThat(down.skipped()).isEqualTo(3);
    assertThat(recap.hosts()).extracting(Recap.HostRecap::host).containsExactly("up", "down");
  }

  @Test
  void connectionsAreOpenedOncePerHostAndClosedAtTheEnd() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(Fixtures.gathering(play("p", "all", List.of(),
        task("a", "put_file", Map.of("path", "/dev/null", "content", "")).b(),
        task("b", "put_file", Map.of("path", "/dev/null", "content", "")).b()))), hosts("h1", "h2"), Mode.APPLY);
    assertThat(h.connections.opened).extracting(s -> s.host()).containsExactlyInAnyOrder("h1", "h2");
    assertThat(h.connections.closed.get()).isEqualTo(2);
    // facts memo: the file is read once per host; nothing changed, so it is not read again
    assertThat(h.connections.commands.stream().filter(c -> c.startsWith("h1: ") && c.contains("/dev/null 2>/dev/null ||"))
        .count()).isEqualTo(1);
    assertThat(h.sink.events.stream().filter(e -> e instanceof Event.TaskFinished).count()).isEqualTo(6);
  }
}
