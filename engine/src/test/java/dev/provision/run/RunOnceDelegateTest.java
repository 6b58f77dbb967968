package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Recap;
import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run_once}: the play's first host runs the task and every host takes its result (register,
 * facts, a failure), as Ansible; only that host reports it. {@code delegate_to}: the task runs on the
 * delegate's connection with the original host's variables, and no two nodes use one connection at once.
 */
class RunOnceDelegateTest {

  @TempDir
  Path dir;

  private final Inventory three = Fixtures.hosts("h1", "h2", "h3");

  @Test
  void aRunOnceTaskRunsOnTheFirstHostAndItsRegisterAndFactsAreEveryHosts() throws Exception {
    Task once = task("once", "echo", Map.of("value", "{{ inventory_hostname }}")).register("r").runOnce().b();
    Task fact = task("fact", "set_fact", Map.of("leader", "{{ inventory_hostname }}")).runOnce().b();
    Task each = task("each", "echo", Map.of("value", "{{ r.value }}-{{ leader }}")).register("e").b();
    Harness h = new Harness(EngineTestModules.registry());
    Recap recap = h.run(playbook(play("p", "all", List.of(), once, fact, each)), three, Mode.APPLY);

    assertThat(h.sink.finished().stream().filter(f -> f.task().equals("once")).map(f -> f.host()).toList())
        .containsExactly("h1");
    for (String host : List.of("h1", "h2", "h3")) {
      assertThat(h.sink.result("each", host).message()).isEqualTo("h1-h1");
    }
    assertThat(host(recap, "h1").ok()).isEqualTo(3);
    assertThat(host(recap, "h2").ok()).isEqualTo(1);
  }

  @Test
  void aRunOnceConditionIsTheFirstHostsAndAFailureStopsEveryHost() throws Exception {
    Task skipped = task("skipped", "echo", Map.of("value", 1)).when("inventory_hostname == 'h2'").register("s")
        .runOnce().b();
    Task seen = task("seen", "echo", Map.of("value", "{{ s.skipped }}")).b();
    Task boom = task("boom", "fail", Map.of()).runOnce().b();
    Task after = task("after", "echo", Map.of("value", 1)).b();
    Harness h = new Harness(EngineTestModules.registry());
    Recap recap = h.run(playbook(play("p", "all", List.of(), skipped, seen, boom, after)), three, Mode.APPLY);

    assertThat(h.sink.result("skipped", "h1").status()).isEqualTo(Status.SKIPPED);
    assertThat(h.sink.result("seen", "h2").message()).isEqualTo("true");
    assertThat(h.sink.finished().stream().filter(f -> f.task().equals("boom")).map(f -> f.host()).toList())
        .containsExactly("h1");
    for (String host : List.of("h1", "h2", "h3")) {
      assertThat(h.sink.status("after", host)).isEqualTo(Status.SKIPPED);
    }
    assertThat(host(recap, "h1").failed()).isEqualTo(1);
  }

  @Test
  void whenTheFirstHostIsOutTheNextOneRunsIt() throws Exception {
    Task first = task("first", "fail", Map.of()).when("inventory_hostname == 'h1'").b();
    Task once = task("once", "echo", Map.of("value", "{{ inventory_hostname }}")).register("r").runOnce().b();
    Task each = task("each", "echo", Map.of("value", "{{ r.value }}")).b();
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(play("p", "all", List.of(), first, once, each)), three, Mode.APPLY);

    assertThat(h.sink.result("once", "h2").status()).isEqualTo(Status.OK);
    assertThat(h.sink.result("each", "h3").message()).isEqualTo("h2");
    assertThat(h.sink.status("each", "h1")).isEqualTo(Status.SKIPPED);
  }

  @Test
  void aDelegatedTaskRunsOnTheDelegatesConnectionWithItsOwnHostsVariables() throws Exception {
    Inventory inv = Fixtures.inventory(List.of("h1", "h2", "db"), Map.of("web", List.of("h1", "h2")),
        Map.of("h1", Map.of("n", "1"), "h2", Map.of("n", "2")));
    Task write = task("write", "put_file", Map.of("path", dir + "/from-{{ n }}", "content", "{{ inventory_hostname }}"))
        .delegateTo("{{ groups['all'][2] }}", false).b();
    Task local = task("local", "put_file", Map.of("path", dir + "/local-{{ n }}", "content", "x"))
        .delegateTo("127.0.0.1", false).b();
    Task fact = task("fact", "set_fact", Map.of("seen_by", "{{ inventory_hostname }}")).delegateTo("db", true).b();
    Task read = task("read", "echo", Map.of("value", "{{ hostvars['db'].seen_by | default('none') }}")).b();
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(play("p", "web", List.of(), write, local, fact, read)), inv, Mode.APPLY);

    assertThat(Files.readString(dir.resolve("from-1"))).isEqualTo("h1");
    assertThat(Files.readString(dir.resolve("from-2"))).isEqualTo("h2");
    assertThat(h.connections.commands).filteredOn(c -> c.contains("from-")).allMatch(c -> c.startsWith("db: "));
    assertThat(h.connections.commands).filteredOn(c -> c.contains("local-")).allMatch(c -> c.startsWith("localhost: "));
    assertThat(h.connections.opened).anyMatch(s -> s.host().equals("localhost") && s.type().equals("local"));
    assertThat(h.sink.result("read", "h1").message()).isIn("h1", "h2");
  }

  @Test
  void aDelegateThatIsNoHostOfTheInventoryFailsTheTask() throws Exception {
    Task write = task("write", "echo", Map.of("value", 1)).delegateTo("nowhere", false).b();
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(play("p", "all", List.of(), write)), Fixtures.hosts("h1"), Mode.PLAN);

    assertThat(h.sink.result("write", "h1").status()).isEqualTo(Status.FAILED);
    assertThat(h.sink.result("write", "h1").message()).contains("`delegate_to: nowhere` names no host of the inventory");
  }

  @Test
  void nodesDelegatedToOneHostNeverRunAtOnceOnItsConnection() throws Exception {
    Inventory inv = Fixtures.hosts("h1", "h2", "h3", "db");
    Task work = task("work", "work", Map.of("id", "w", "millis", 150L)).delegateTo("db", false).b();
    EngineTestModules.Recorder recorder = new EngineTestModules.Recorder();
    Harness h = new Harness(EngineTestModules.registry(new EngineTestModules.Work(recorder)));
    h.run(playbook(play("p", "h1:h2:h3", List.of(), work)), inv, Harness.options(Mode.APPLY, 5, Map.of(), java.util.Set.of()));

    List<EngineTestModules.Recorder.Interval> runs = List.copyOf(recorder.intervals);
    assertThat(runs).hasSize(3);
    for (var a : runs) {
      for (var b : runs) {
        if (a != b) {
          assertThat(a.end() <= b.start() || b.end() <= a.start()).as("%s and %s overlap", a, b).isTrue();
        }
      }
    }
  }

  private static Recap.HostRecap host(Recap recap, String name) {
    return recap.hosts().stream().filter(r -> r.host().equals(name)).findFirst().orElseThrow();
  }
}
