package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.DiagnosticsException;
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

/** {@code meta:} flush_handlers, end_host, end_play, noop, and the actions refused with their reason. */
class MetaTest {

  @TempDir
  Path dir;

  private Playbook load(String yaml) throws Exception {
    Path file = dir.resolve("site.yml");
    Files.writeString(file, yaml.replace("ROOT", dir.toString()));
    return new PlaybookLoader(EngineTestModules.registry()).load(file);
  }

  /** What ran on the host, in order (skipped nodes left out). */
  private static List<String> ran(Harness h, String host) {
    return h.sink.finished().stream().filter(f -> f.host().equals(host) && f.result().status() != Status.SKIPPED)
        .map(f -> f.task()).toList();
  }

  private final dev.provision.inventory.Inventory two = Fixtures.hosts("h1", "h2");

  @Test
  void flushHandlersRunsTheNotifiedHandlersThereAndAgainAtTheEndOnlyIfNotifiedAgain() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tasks:
            - {name: first, put_file: {path: "ROOT/{{ inventory_hostname }}-1", content: x}, notify: h}
            - meta: flush_handlers
            - {name: between, echo: {value: 1}}
            - name: second
              put_file: {path: "ROOT/{{ inventory_hostname }}-2", content: x}
              notify: h
              when: inventory_hostname == 'h1'
            - meta: noop
          handlers:
            - {name: h, echo: {value: handled}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, two, Mode.APPLY);

    assertThat(ran(h, "h1")).containsExactly("first", "h", "between", "second", "h");
    assertThat(ran(h, "h2")).containsExactly("first", "h", "between");
  }

  @Test
  void handlersNotifiedInPreTasksRunBeforeTheTasksAsAnsibleFlushesThem() throws Exception {
    Playbook book = load("""
        - hosts: h1
          gather_facts: false
          pre_tasks:
            - {name: pre, put_file: {path: "ROOT/pre", content: x}, notify: h}
          tasks:
            - {name: main, echo: {value: 1}}
          handlers:
            - {name: h, echo: {value: handled}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, two, Mode.APPLY);

    assertThat(ran(h, "h1")).containsExactly("pre", "h", "main");
  }

  @Test
  void endHostEndsThePlayForThatHostOnlyAndReportsNothing() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tasks:
            - {name: before, echo: {value: 1}}
            - meta: end_host
              when: inventory_hostname == 'h2'
            - {name: after, echo: {value: 2}}
        - hosts: all
          gather_facts: false
          tasks:
            - {name: next play, echo: {value: 3}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, two, Mode.APPLY);

    assertThat(ran(h, "h1")).containsExactly("before", "after", "next play");
    assertThat(ran(h, "h2")).containsExactly("before", "next play");
    assertThat(h.sink.finished()).noneMatch(f -> f.task().startsWith("meta"));
  }

  @Test
  void endPlayIsJudgedOnTheFirstHostAndEndsThePlayForAll() throws Exception {
    // linear (Ansible's default): every host has run `before` when the first reaches the meta; under
    // free, whether h2's `before` ran first is a race, as in Ansible
    String yaml = """
        - hosts: all
          gather_facts: false
          strategy: linear
          tasks:
            - {name: before, echo: {value: 1}}
            - meta: end_play
              when: inventory_hostname == 'WHO'
            - {name: after, echo: {value: 2}}
        """;
    Harness first = new Harness(EngineTestModules.registry());
    first.run(load(yaml.replace("WHO", "h1")), two, Mode.APPLY);
    assertThat(ran(first, "h1")).containsExactly("before");
    assertThat(ran(first, "h2")).containsExactly("before");

    Harness second = new Harness(EngineTestModules.registry());
    second.run(load(yaml.replace("WHO", "h2")), two, Mode.APPLY);
    assertThat(ran(second, "h2")).containsExactly("before", "after"); // as Ansible: only the first host judges
  }

  @Test
  void refreshInventoryAndFlushInsideABlockAreRefusedWithTheReason() {
    DiagnosticsException e = org.junit.jupiter.api.Assertions.assertThrows(DiagnosticsException.class, () -> load("""
        - hosts: all
          tasks:
            - meta: refresh_inventory
            - block:
                - meta: flush_handlers
            - meta: flush_handler
        """));
    String all = e.diagnostics().asList().stream().map(d -> d.summary()).toList().toString();
    assertThat(all).contains("`meta: refresh_inventory` is not supported: Provision reads the inventory once")
        .contains("`meta: flush_handlers` inside a block is not supported yet")
        .contains("unknown `meta` action `flush_handler`");
  }
}
