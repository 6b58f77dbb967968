package dev.provision.run;

import static dev.provision.run.Fixtures.hosts;
import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Event;
import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ParallelWalkTest {

  private static Task work(String id, long millis) {
    return task(id, "work", Map.of("id", id, "millis", millis)).b();
  }

  @Test
  void differentHostsRunAtTheSameTimeButAHostRunsOneTaskAtATime() throws Exception {
    EngineTestModules.Recorder rec = new EngineTestModules.Recorder();
    Harness h = new Harness(EngineTestModules.registry(new EngineTestModules.Work(rec)));
    Inventory inv = hosts("h1", "h2", "h3", "h4");
    // two independent plays on the same hosts: the host lock, not the graph, keeps them apart
    h.run(playbook(play("a", "all", List.of(), work("a1", 80), work("a2", 80)),
        play("b", "all", List.of(), work("b1", 80))), inv, Mode.APPLY);
    assertThat(h.recap.total(Status.OK)).isEqualTo(12);
    assertThat(rec.maxPerHost.get()).isEqualTo(1);
    assertThat(rec.maxRunning.get()).isGreaterThanOrEqualTo(3);
    for (String host : List.of("h1", "h2", "h3", "h4")) {
      List<EngineTestModules.Recorder.Interval> mine = new ArrayList<>(rec.intervals.stream().filter(i -> i.host().equals(host)).toList());
      mine.sort(Comparator.comparingLong(EngineTestModules.Recorder.Interval::start));
      for (int i = 1; i < mine.size(); i++) {
        assertThat(mine.get(i).start()).isGreaterThanOrEqualTo(mine.get(i - 1).end());
      }
      List<String> playA = mine.stream().map(EngineTestModules.Recorder.Interval::id).filter(id -> id.startsWith("a")).toList();
      assertThat(playA).containsExactly("a1", "a2");
    }
  }

  @Test
  void forksBoundTheNumberOfNodesRunningAtOnce() throws Exception {
    EngineTestModules.Recorder rec = new EngineTestModules.Recorder();
    Harness h = new Harness(EngineTestModules.registry(new EngineTestModules.Work(rec)));
    h.run(playbook(play("p", "all", List.of(), work("x", 120), work("y", 120))), hosts("h1", "h2", "h3", "h4", "h5", "h6"),
        Harness.options(Mode.APPLY, 2, Map.of(), Set.of()));
    assertThat(rec.intervals).hasSize(12);
    assertThat(rec.maxRunning.get()).isEqualTo(2);
  }

  @RepeatedTest(3)
  void aFastHostRunsAheadOfASlowOneWithoutLockstep() throws Exception {
    EngineTestModules.Recorder rec = new EngineTestModules.Recorder();
    Harness h = new Harness(EngineTestModules.registry(new EngineTestModules.Work(rec)));
    Inventory inv = Fixtures.inventory(List.of("slow", "fast"), Map.of(), Map.of("slow", Map.of("ms", 300L), "fast", Map.of("ms", 5L)));
    h.run(playbook(play("p", "all", List.of(),
        task("t1", "work", Map.of("id", "1", "millis", "{{ ms }}")).b(),
        task("t2", "work", Map.of("id", "2", "millis", "{{ ms }}")).b(),
        task("t3", "work", Map.of("id", "3", "millis", "{{ ms }}")).b())), inv, Mode.APPLY);
    long slowFirstEnd = rec.intervals.stream().filter(i -> i.host().equals("slow") && i.id().equals("1")).findFirst()
        .orElseThrow().end();
    long fastLastEnd = rec.intervals.stream().filter(i -> i.host().equals("fast") && i.id().equals("3")).findFirst()
        .orElseThrow().end();
    assertThat(fastLastEnd).isLessThan(slowFirstEnd);
  }

  @Test
  void eventsComeInAnOrderAReporterCanFollow() throws Exception {
    EngineTestModules.Recorder rec = new EngineTestModules.Recorder();
    Harness h = new Harness(EngineTestModules.registry(new EngineTestModules.Work(rec)));
    h.run(playbook(play("a", "all", List.of(), work("a1", 10)), play("b", "all", List.of("a"), work("b1", 10))),
        hosts("h1", "h2"), Mode.PLAN);
    List<Event> ev = h.sink.events;
    assertThat(ev.get(0)).isInstanceOf(Event.RunStarted.class);
    assertThat(((Event.RunStarted) ev.get(0)).nodes()).isEqualTo(4);
    assertThat(ev.get(ev.size() - 1)).isInstanceOf(Event.RunFinished.class);
    int playB = ev.indexOf(new Event.PlayStarted("b", List.of("h1", "h2")));
    assertThat(playB).isPositive();
    long aFinishedBeforeB = ev.subList(0, playB).stream()
        .filter(e -> e instanceof Event.TaskFinished f && f.play().equals("a")).count();
    assertThat(aFinishedBeforeB).isEqualTo(2);
    assertThat(((Event.RunFinished) ev.get(ev.size() - 1)).recap().hosts()).extracting(r -> r.host())
        .containsExactly("h1", "h2");
  }
}
