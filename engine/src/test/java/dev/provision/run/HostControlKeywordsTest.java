package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.diag.DiagnosticsException;
import dev.provision.event.Status;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code throttle} (task, block), {@code any_errors_fatal} (task, block) and the play's {@code order}. */
class HostControlKeywordsTest {

  @TempDir
  Path dir;

  private final dev.provision.inventory.Inventory four = Fixtures.hosts("h1", "h2", "h3", "h4");

  private Playbook load(EngineTestModules.Recorder recorder, String yaml) throws Exception {
    Path file = dir.resolve("site.yml");
    Files.writeString(file, yaml);
    return new PlaybookLoader(EngineTestModules.registry(new EngineTestModules.Work(recorder))).load(file);
  }

  @Test
  void throttleLetsThatManyHostsRunTheTaskAtOnceAndOnTheBlockEachOfItsTasks() throws Exception {
    for (String yaml : List.of("""
        - hosts: all
          gather_facts: false
          tasks:
            - {name: slow, work: {id: w, millis: 150}, throttle: 2}
        """, """
        - hosts: all
          gather_facts: false
          tasks:
            - block:
                - {name: slow, work: {id: w, millis: 150}}
              throttle: 2
        """)) {
      EngineTestModules.Recorder recorder = new EngineTestModules.Recorder();
      Playbook book = load(recorder, yaml);
      Harness h = new Harness(EngineTestModules.registry(new EngineTestModules.Work(recorder)));
      h.run(book, four, Harness.options(Mode.APPLY, 4, Map.of(), Set.of()));
      assertThat(recorder.intervals).hasSize(4);
      assertThat(recorder.maxRunning.get()).as("throttle 2 of 4 forks").isEqualTo(2);
    }
    EngineTestModules.Recorder free = new EngineTestModules.Recorder();
    Playbook unthrottled = load(free, """
        - hosts: all
          gather_facts: false
          tasks:
            - {name: slow, work: {id: w, millis: 150}}
        """);
    new Harness(EngineTestModules.registry(new EngineTestModules.Work(free)))
        .run(unthrottled, four, Harness.options(Mode.APPLY, 4, Map.of(), Set.of()));
    assertThat(free.maxRunning.get()).as("without throttle, the forks decide").isGreaterThan(2);
  }

  @Test
  void aTaskOrBlockWithAnyErrorsFatalThatFailsStopsThePlayOnEveryHostUnlessRescued() throws Exception {
    for (String where : List.of("task", "block")) {
      String yaml = where.equals("task") ? """
          - hosts: all
            gather_facts: false
            tasks:
              - {name: first, work: {id: a, millis: 10}}
              - {name: boom, fail: {}, when: "inventory_hostname == 'h1'", any_errors_fatal: true}
              - {name: after, work: {id: b, millis: 10}}
          """ : """
          - hosts: all
            gather_facts: false
            tasks:
              - {name: first, work: {id: a, millis: 10}}
              - block:
                  - {name: boom, fail: {}, when: "inventory_hostname == 'h1'"}
                any_errors_fatal: true
              - {name: after, work: {id: b, millis: 10}}
          """;
      EngineTestModules.Recorder recorder = new EngineTestModules.Recorder();
      Playbook book = load(recorder, yaml);
      Harness h = new Harness(EngineTestModules.registry(new EngineTestModules.Work(recorder)));
      // linear, so that every host has finished `boom` before any starts `after`
      h.run(book, four, Harness.options(Mode.APPLY, 1, Map.of(), Set.of()));
      assertThat(h.sink.status("boom", "h1")).as(where).isEqualTo(Status.FAILED);
      for (String host : List.of("h2", "h3", "h4")) {
        assertThat(h.sink.result("after", host).status()).as(where + " " + host).isEqualTo(Status.SKIPPED);
        assertThat(h.sink.result("after", host).message()).isEqualTo("the play stopped: a task with any_errors_fatal"
            + " failed");
      }
    }
    EngineTestModules.Recorder recorder = new EngineTestModules.Recorder();
    Playbook rescued = load(recorder, """
        - hosts: all
          gather_facts: false
          tasks:
            - block:
                - {name: boom, fail: {}, when: "inventory_hostname == 'h1'"}
              rescue:
                - {name: caught, work: {id: r, millis: 10}}
              any_errors_fatal: true
            - {name: after, work: {id: b, millis: 10}}
        """);
    Harness h = new Harness(EngineTestModules.registry(new EngineTestModules.Work(recorder)));
    h.run(rescued, four, Harness.options(Mode.APPLY, 1, Map.of(), Set.of()));
    assertThat(List.of("h1", "h2", "h3", "h4")).allSatisfy(host ->
        assertThat(h.sink.status("after", host)).as("a rescued failure is no fatal one").isEqualTo(Status.OK));
  }

  @Test
  void orderSortsThePlaysHostsBeforeTheyAreBatchedAndShuffleIsTheSameInPlanAndApply() throws Exception {
    Map<String, String> firsts = new java.util.LinkedHashMap<>();
    for (String order : List.of("inventory", "reverse_inventory", "sorted", "reverse_sorted", "shuffle")) {
      Playbook book = load(new EngineTestModules.Recorder(), """
          - hosts: all
            gather_facts: false
            serial: 1
            order: %s
            tasks:
              - {name: batch, echo: {value: "{{ ansible_play_batch | join(',') }}"}}
          """.formatted(order));
      List<String> seen = new java.util.ArrayList<>();
      for (Mode mode : List.of(Mode.PLAN, Mode.APPLY)) {
        Harness h = new Harness(EngineTestModules.registry());
        h.run(book, Fixtures.hosts("b", "d", "a", "c"), Harness.options(mode, 1, Map.of(), Set.of()));
        seen.add(String.join(" ", h.sink.finished().stream().map(f -> f.result().message()).toList()));
      }
      assertThat(seen.get(0)).as(order + ": the plan takes the hosts as the apply does").isEqualTo(seen.get(1));
      firsts.put(order, seen.get(1));
    }
    assertThat(firsts.get("inventory")).isEqualTo("b d a c");
    assertThat(firsts.get("reverse_inventory")).isEqualTo("c a d b");
    assertThat(firsts.get("sorted")).isEqualTo("a b c d");
    assertThat(firsts.get("reverse_sorted")).isEqualTo("d c b a");
    assertThat(firsts.get("shuffle").split(" ")).containsExactlyInAnyOrder("a", "b", "c", "d");

    DiagnosticsException e = catchThrowableOfType(() -> load(new EngineTestModules.Recorder(), """
        - hosts: all
          order: random
          tasks:
            - {name: t, echo: {value: 1}, throttle: many}
        """), DiagnosticsException.class);
    assertThat(e.diagnostics().asList()).extracting(d -> d.span().line() + ":" + d.summary()).containsExactlyInAnyOrder(
        "2:unknown host order `random`", "4:`throttle` must be a whole number, not `many`");
  }

  @Test
  void thePlaysAndARoleEntrysThrottleAnyErrorsFatalAndDiffReachTheirTasks() throws Exception {
    Files.createDirectories(dir.resolve("roles/r/tasks"));
    Files.writeString(dir.resolve("roles/r/tasks/main.yml"), "- {name: in role, echo: {value: 1}}\n");
    Playbook book = load(new EngineTestModules.Recorder(), """
        - hosts: all
          throttle: 3
          roles:
            - {role: r, throttle: 1, any_errors_fatal: true, diff: false}
          tasks:
            - {name: plain, echo: {value: 1}}
        """);
    List<dev.provision.playbook.Task> tasks = book.plays().get(0).tasks().stream().filter(t -> t.metaAction() == null)
        .toList();
    assertThat(tasks).extracting(dev.provision.playbook.Task::throttle).containsExactly(1, 3);
    assertThat(tasks).extracting(dev.provision.playbook.Task::anyErrorsFatal).containsExactly(true, false);
    assertThat(tasks).extracting(dev.provision.playbook.Task::diff).containsExactly(false, null);
  }
}
