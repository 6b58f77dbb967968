package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Recap;
import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code block}/{@code rescue}/{@code always}, decided per host as the host goes, one node per (task, host). */
class BlockTest {

  @TempDir
  Path dir;

  private Playbook load(String yaml) throws Exception {
    Path file = dir.resolve("site.yml");
    Files.writeString(file, yaml);
    return new PlaybookLoader(EngineTestModules.registry()).load(file);
  }

  private Inventory hosts(String... names) {
    Map<String, Map<String, Object>> vars = new java.util.LinkedHashMap<>();
    for (String n : names) {
      vars.put(n, Map.of("bad", n.equals("h1")));
    }
    return Fixtures.inventory(List.of(names), Map.of(), vars);
  }

  private static List<String> ran(Harness h, String host) {
    return h.sink.finished().stream().filter(f -> f.host().equals(host) && f.result().status() != Status.SKIPPED)
        .map(f -> f.task() + "=" + f.result().status().name().toLowerCase()).toList();
  }

  @Test
  void aFailureRunsTheRescueAndTheAlwaysAndTheHostGoesOn() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tasks:
            - name: guarded
              block:
                - {name: first, echo: {value: 1}}
                - {name: breaks, fail: {msg: broken on purpose}, when: bad}
                - {name: after the failure, echo: {value: 2}}
              rescue:
                - name: rescue
                  echo: {value: "{{ ansible_failed_task.name }}: {{ ansible_failed_result.msg }}"}
                  register: rescued
              always:
                - {name: always, echo: {value: 3}}
            - {name: later, echo: {value: "{{ rescued.value | default('no rescue') }}"}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    Recap recap = h.run(book, hosts("h1", "h2"), Mode.APPLY);

    assertThat(ran(h, "h1")).containsExactly("first=ok", "breaks=failed", "rescue=ok", "always=ok", "later=ok");
    assertThat(h.sink.result("rescue", "h1").message()).isEqualTo("breaks: broken on purpose");
    assertThat(h.sink.result("later", "h1").message()).isEqualTo("breaks: broken on purpose");
    assertThat(ran(h, "h2")).containsExactly("first=ok", "after the failure=ok", "always=ok", "later=ok");
    assertThat(h.sink.result("rescue", "h2").message()).isEqualTo("rescue: the block did not fail");
    Recap.HostRecap h1 = recap.hosts().get(0);
    assertThat(h1.failed()).as("a rescued failure is not a failure").isZero();
    assertThat(h1.rescued()).isEqualTo(1);
    assertThat(recap.exitCode(Mode.APPLY)).isZero();
  }

  @Test
  void withoutARescueTheHostFailsAfterTheAlways() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tasks:
            - block:
                - {name: breaks, fail: {}, when: bad}
                - {name: skipped by the failure, echo: {value: 1}}
              always:
                - {name: cleanup, echo: {value: 2}}
                - {name: more cleanup, echo: {value: 3}}
            - {name: next, echo: {value: 4}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    Recap recap = h.run(book, hosts("h1", "h2"), Mode.APPLY);

    assertThat(ran(h, "h1")).containsExactly("breaks=failed", "cleanup=ok", "more cleanup=ok");
    assertThat(h.sink.result("next", "h1").message()).isEqualTo(NodeVisitor.UPSTREAM_FAILED);
    assertThat(ran(h, "h2")).containsExactly("skipped by the failure=ok", "cleanup=ok", "more cleanup=ok", "next=ok");
    assertThat(recap.hosts().get(0).failed()).isEqualTo(1);
    assertThat(recap.exitCode(Mode.APPLY)).isEqualTo(1);
  }

  @Test
  void aFailingRescueFailsTheHostAfterTheAlwaysAndNestedBlocksPassFailuresOut() throws Exception {
    Playbook book = load("""
        - hosts: h1
          gather_facts: false
          tasks:
            - name: outer
              block:
                - name: inner
                  block:
                    - {name: inner breaks, fail: {}}
                  always:
                    - {name: inner always, echo: {value: 1}}
                - {name: not reached, echo: {value: 2}}
              rescue:
                - {name: outer rescue, echo: {value: 3}}
                - {name: rescue breaks, fail: {}}
                - {name: rest of rescue, echo: {value: 4}}
              always:
                - {name: outer always, echo: {value: 5}}
            - {name: never, echo: {value: 6}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    Recap recap = h.run(book, hosts("h1"), Mode.APPLY);

    assertThat(ran(h, "h1")).containsExactly("inner breaks=failed", "inner always=ok", "outer rescue=ok",
        "rescue breaks=failed", "outer always=ok");
    assertThat(h.sink.result("never", "h1").message()).isEqualTo(NodeVisitor.UPSTREAM_FAILED);
    assertThat(recap.exitCode(Mode.APPLY)).isEqualTo(1);
  }

  @Test
  void aFailureAnInnerAlwaysPassesOutIsRescuedByTheOuterBlockAndCountedSo() throws Exception {
    Playbook book = load("""
        - hosts: h1
          gather_facts: false
          tasks:
            - block:
                - block:
                    - {name: inner breaks, fail: {msg: inner}}
                  always:
                    - {name: inner always, echo: {value: 1}}
              rescue:
                - {name: outer rescue, echo: {value: "{{ ansible_failed_task.name }}"}}
            - {name: goes on, echo: {value: 2}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    Recap recap = h.run(book, hosts("h1"), Mode.APPLY);

    assertThat(ran(h, "h1")).containsExactly("inner breaks=failed", "inner always=ok", "outer rescue=ok", "goes on=ok");
    assertThat(h.sink.result("outer rescue", "h1").message()).isEqualTo("inner breaks");
    assertThat(recap.hosts().get(0).failed()).isZero();
    assertThat(recap.hosts().get(0).rescued()).isEqualTo(1);
    assertThat(recap.exitCode(Mode.APPLY)).isZero();
  }

  @Test
  void aBlocksKeywordsAreInheritedByItsTasks() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tasks:
            - block:
                - {name: inherits, echo: {value: "{{ greeting }}"}}
                - {name: own vars win, echo: {value: "{{ greeting }}"}, vars: {greeting: own}}
                - {name: ignored, fail: {}}
                - {name: own when too, echo: {value: x}, when: false}
              when: not bad
              vars: {greeting: from the block}
              tags: [blocky]
              ignore_errors: true
        """);
    Harness h = new Harness(EngineTestModules.registry());
    Recap recap = h.run(book, hosts("h1", "h2"), Mode.APPLY);

    assertThat(ran(h, "h1")).isEmpty();
    assertThat(ran(h, "h2")).containsExactly("inherits=ok", "own vars win=ok", "ignored=ok");
    assertThat(h.sink.result("inherits", "h2").message()).isEqualTo("from the block");
    assertThat(h.sink.result("own vars win", "h2").message()).isEqualTo("own");
    assertThat(recap.hosts().get(1).ignored()).isEqualTo(1);
    assertThat(book.plays().get(0).tasks()).allSatisfy(t -> assertThat(t.tags()).containsExactly("blocky"));
  }

  @Test
  void aPlanCannotKnowWhetherARescueRunsAfterAChangeItOnlyDescribes() throws Exception {
    Playbook book = load("""
        - hosts: h2
          gather_facts: false
          tasks:
            - block:
                - {name: write, put_file: {path: "%s/out", content: x}}
              rescue:
                - {name: rescue, echo: {value: 1}}
        """.formatted(dir));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, hosts("h2"), Mode.PLAN);

    assertThat(h.sink.status("write", "h2")).isEqualTo(Status.CHANGED);
    assertThat(h.sink.status("rescue", "h2")).isEqualTo(Status.DEFERRED);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void inAPlanWhatABlockSetsAfterAnUncertainTaskIsKnownOnlyAfterApply() throws Exception {
    Playbook book = load("""
        - hosts: h2
          gather_facts: false
          tasks:
            - block:
                - {name: write, put_file: {path: "%s/out", content: x}}
                - {name: after it, set_fact: {reached: true}}
              rescue:
                - {name: rescue, echo: {value: 1}}
            - {name: reads it, echo: {value: "{{ reached }}"}}
        """.formatted(dir));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, hosts("h2"), Mode.PLAN);

    assertThat(h.sink.status("after it", "h2")).isEqualTo(Status.OK);
    assertThat(h.sink.status("reads it", "h2")).as("the apply may rescue before `reached` is set")
        .isEqualTo(Status.DEFERRED);
  }
}
