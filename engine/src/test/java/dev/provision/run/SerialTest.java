package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Status;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serial} batches, {@code ansible_play_batch}, {@code max_fail_percentage}, {@code any_errors_fatal}. */
class SerialTest {

  @TempDir
  Path dir;

  private final dev.provision.inventory.Inventory four = Fixtures.hosts("h1", "h2", "h3", "h4");

  private Playbook load(String yaml) throws Exception {
    Path file = dir.resolve("site.yml");
    Files.writeString(file, yaml);
    return new PlaybookLoader(EngineTestModules.registry(new EngineTestModules.Work(new EngineTestModules.Recorder())))
        .load(file);
  }

  @Test
  void eachBatchRunsThePlayBeforeTheNextStartsAndSeesItselfAsThePlayBatch() throws Exception {
    EngineTestModules.Recorder recorder = new EngineTestModules.Recorder();
    Path file = dir.resolve("site.yml");
    Files.writeString(file, """
        - hosts: all
          gather_facts: false
          serial: [1, 50%]
          tasks:
            - {name: work, work: {id: w, millis: 100}}
            - {name: batch, echo: {value: "{{ ansible_play_batch | join(',') }}"}}
        """);
    Playbook book = new PlaybookLoader(EngineTestModules.registry(new EngineTestModules.Work(recorder))).load(file);
    Harness h = new Harness(EngineTestModules.registry(new EngineTestModules.Work(recorder)));
    h.run(book, four, Harness.options(Mode.APPLY, 5, Map.of(), java.util.Set.of()));

    assertThat(h.sink.result("batch", "h1").message()).isEqualTo("h1");
    assertThat(h.sink.result("batch", "h2").message()).isEqualTo("h2,h3");
    assertThat(h.sink.result("batch", "h4").message()).isEqualTo("h4");
    Map<String, EngineTestModules.Recorder.Interval> by = new java.util.HashMap<>();
    recorder.intervals.forEach(i -> by.put(i.host(), i));
    assertThat(by.get("h2").start()).isGreaterThan(by.get("h1").end());
    assertThat(by.get("h4").start()).isGreaterThan(Math.max(by.get("h2").end(), by.get("h3").end()));
  }

  @Test
  void aBatchThatAllFailedStopsThePlay() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          serial: 2
          tasks:
            - {name: boom, fail: {}, when: "inventory_hostname in ['h1', 'h2']"}
            - {name: after, echo: {value: 1}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, four, Mode.APPLY);

    assertThat(h.sink.result("boom", "h3").status()).isEqualTo(Status.SKIPPED);
    assertThat(h.sink.result("boom", "h3").message()).isEqualTo("the play stopped: every host of an earlier batch failed");
    assertThat(h.sink.status("after", "h4")).isEqualTo(Status.SKIPPED);
  }

  @Test
  void onePartlyFailedBatchLetsTheNextRunUnlessMaxFailPercentageIsExceeded() throws Exception {
    String yaml = """
        - hosts: all
          gather_facts: false
          serial: 2
          MAX
          tasks:
            - {name: boom, fail: {}, when: "inventory_hostname == 'h1'"}
            - {name: after, echo: {value: 1}}
        """;
    Harness free = new Harness(EngineTestModules.registry());
    free.run(load(yaml.replace("MAX", "vars: {}")), four, Mode.APPLY);
    assertThat(free.sink.status("after", "h2")).isEqualTo(Status.OK);
    assertThat(free.sink.status("after", "h4")).isEqualTo(Status.OK);

    Harness strict = new Harness(EngineTestModules.registry());
    strict.run(load(yaml.replace("MAX", "max_fail_percentage: 49")), four, Mode.APPLY);
    assertThat(strict.sink.result("boom", "h3").message()).contains("max_fail_percentage (49%)");
    assertThat(strict.sink.status("after", "h4")).isEqualTo(Status.SKIPPED);
  }

  @Test
  void anyErrorsFatalStopsEveryHostOfThePlayWithLinearSteps() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          any_errors_fatal: true
          strategy: linear
          tasks:
            - {name: boom, fail: {}, when: "inventory_hostname == 'h3'"}
            - {name: after, echo: {value: 1}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, four, Mode.APPLY);

    for (String host : List.of("h1", "h2", "h4")) {
      assertThat(h.sink.result("after", host).message()).isEqualTo("the play stopped: a host failed, and any_errors_fatal is set");
    }
  }
}
