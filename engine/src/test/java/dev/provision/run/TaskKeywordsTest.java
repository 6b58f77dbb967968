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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskKeywordsTest {

  @Test
  void whenFalseSkipsWithTheConditionAndRegistersSkipped() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(play("p", "all", List.of(),
        task("maybe", "echo", Map.of("value", 1)).when("inventory_hostname == 'h1'").register("m").b(),
        task("after", "echo", Map.of("value", "{{ m.skipped | default(false) }}")).b())), hosts("h1", "h2"), Mode.APPLY);
    assertThat(h.sink.status("maybe", "h1")).isEqualTo(Status.OK);
    assertThat(h.sink.result("maybe", "h2")).satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.SKIPPED);
      assertThat(r.message()).isEqualTo("condition false: inventory_hostname == 'h1'");
    });
    assertThat(h.sink.result("after", "h1").data().get("value")).isEqualTo(false);
    assertThat(h.sink.result("after", "h2").data().get("value")).isEqualTo(true);
  }

  @Test
  void variablesFollowAnsiblePrecedence() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    Inventory inv = Fixtures.inventory(List.of("h1"), Map.of(),
        Map.of("h1", Map.of("a", "inventory", "b", "inventory", "c", "inventory", "d", "inventory", "e", "inventory")));
    h.run(playbook(Fixtures.withVars(play("p", "all", List.of(),
        task("fact", "set_fact", Map.of("d", "set_fact", "e", "set_fact")).b(),
        task("show", "echo", Map.of("value", "{{ a }} {{ b }} {{ c }} {{ d }} {{ e }}")).vars(Map.of("c", "task", "d", "task")).b()),
        Map.of("b", "play", "c", "play", "d", "play"))), inv,
        Harness.options(Mode.APPLY, 5, Map.of("e", "extra"), Set.of()));
    assertThat(h.sink.result("show", "h1").data().get("value")).isEqualTo("inventory play task set_fact extra");
  }

  @Test
  void playAndTaskVarsAreRenderedLazilyFromOtherVariables() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(Fixtures.withVars(play("p", "all", List.of(),
        task("show", "echo", Map.of("value", "{{ url }}")).vars(Map.of("port", 8080L)).b()),
        Map.of("url", "http://{{ inventory_hostname }}:{{ port }}/", "unused", "{{ port + 1 }}"))),
        hosts("h1"), Mode.APPLY);
    assertThat(h.sink.result("show", "h1").data().get("value")).isEqualTo("http://h1:8080/");
  }

  @Test
  void guardedUsesOfAnUndefinedVariableRunWhileAnUnguardedOneIsReported() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(Fixtures.withVars(play("p", "all", List.of(),
        task("show", "echo", Map.of("value", "{{ base }} {{ mirror_url | default('none') }}")).when("pinned is undefined").b()),
        Map.of("base", "{{ mirror_base | default('https://example.org') }}"))), hosts("h1"), Mode.APPLY);
    assertThat(h.sink.result("show", "h1").data().get("value")).isEqualTo("https://example.org none");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Harness(EngineTestModules.registry()).run(playbook(
        Fixtures.withVars(play("p", "all", List.of(), task("show", "echo", Map.of("value", "{{ base }}")).b()),
            Map.of("base", "{{ mirror_base }}"))), hosts("h1"), Mode.APPLY))
        .isInstanceOf(dev.provision.diag.DiagnosticsException.class)
        .hasMessageContaining("`mirror_base`");
  }

  @Test
  void aVariableThatNothingDefinesIsReportedBeforeAnyHostIsTouched() {
    Harness h = new Harness(EngineTestModules.registry());
    Inventory inv = Fixtures.inventory(List.of("h1"), Map.of(), Map.of("h1", Map.of("http_port", 80L)));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.run(playbook(play("p", "all", List.of(),
        task("show", "echo", Map.of("value", "{{ http_prot }}")).b(),
        task("fine", "echo", Map.of("value", "{{ later }} {{ ansible_hostname }} {{ groups }}")).b(),
        task("set", "set_fact", Map.of("later", 1)).b())), inv, Mode.APPLY))
        .isInstanceOf(dev.provision.diag.DiagnosticsException.class)
        .satisfies(e -> {
          var list = ((dev.provision.diag.DiagnosticsException) e).diagnostics().asList();
          assertThat(list).hasSize(1);
          assertThat(list.get(0).summary()).contains("`http_prot`");
          assertThat(list.get(0).hint()).isEqualTo("did you mean `http_port`?");
          assertThat(list.get(0).span().line()).isEqualTo(3);
        });
    assertThat(h.connections.opened).isEmpty();
    assertThat(h.sink.events).isEmpty();
  }

  @Test
  void magicVariablesDescribeTheInventoryAndThePlay() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    Inventory inv = Fixtures.inventory(List.of("w1", "w2", "d1"), Map.of("web", List.of("w1", "w2"), "db", List.of("d1")),
        Map.of("d1", Map.of("port", 5432L)));
    h.run(playbook(play("p", "web", List.of(),
        task("show", "echo", Map.of("value", Map.of(
            "me", "{{ inventory_hostname }}", "groups", "{{ groups['web'] }}", "mine", "{{ group_names }}",
            "db_port", "{{ hostvars['d1'].port }}", "play", "{{ play_hosts }}", "check", "{{ ansible_check_mode }}")))
            .b())), inv, Mode.PLAN);
    assertThat(h.sink.result("show", "w2").data().get("value")).isEqualTo(Map.of("me", "w2", "groups", List.of("w1", "w2"),
        "mine", List.of("web"), "db_port", 5432L, "play", List.of("w1", "w2"), "check", true));
  }

  @Test
  void registerAndSetFactCarryValuesToLaterTasksAndLaterPlays() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(
        play("one", "all", List.of(), task("first", "echo", Map.of("value", 21)).register("r").b(),
            task("double", "set_fact", Map.of("twice", "{{ r.value * 2 }}")).b()),
        play("two", "all", List.of("one"), task("use", "echo", Map.of("value", "{{ twice }} {{ r.changed }}")).b())),
        hosts("h1"), Mode.APPLY);
    assertThat(h.sink.result("use", "h1").data().get("value")).isEqualTo("42 False"); // as Jinja prints a bool in text
  }

  @Test
  void untilRetriesWithTaskRetryingEventsUntilTheConditionHolds() throws Exception {
    EngineTestModules.Count count = new EngineTestModules.Count();
    Harness h = new Harness(EngineTestModules.registry(count));
    h.run(playbook(play("p", "all", List.of(),
        task("wait", "count", Map.of()).register("c").until("c.count >= 3", 5).delay(Duration.ofMillis(10)).b())),
        hosts("h1"), Mode.APPLY);
    assertThat(h.sink.result("wait", "h1").data()).containsEntry("count", 3L);
    assertThat(h.sink.status("wait", "h1")).isEqualTo(Status.OK);
    assertThat(h.sink.events.stream().filter(e -> e instanceof Event.TaskRetrying).count()).isEqualTo(2);
  }

  @Test
  void untilThatNeverHoldsFailsAfterTheRetries() throws Exception {
    EngineTestModules.Count count = new EngineTestModules.Count();
    Harness h = new Harness(EngineTestModules.registry(count));
    h.run(playbook(play("p", "all", List.of(),
        task("wait", "count", Map.of()).register("c").until("c.count > 100", 2).b())), hosts("h1"), Mode.APPLY);
    assertThat(h.sink.result("wait", "h1").message()).contains("until").contains("3 attempt");
    assertThat(count.calls.get("h1").get()).isEqualTo(3);
  }

  @Test
  void retriesWithoutUntilRetryAFailure() throws Exception {
    EngineTestModules.Count count = new EngineTestModules.Count();
    Harness h = new Harness(EngineTestModules.registry(count));
    h.run(playbook(play("p", "all", List.of(),
        task("flaky", "count", Map.of("fail_below", 3)).retries(3).b())), hosts("h1"), Mode.APPLY);
    assertThat(h.sink.status("flaky", "h1")).isEqualTo(Status.OK);
    assertThat(h.sink.events).filteredOn(e -> e instanceof Event.TaskRetrying)
        .extracting(e -> ((Event.TaskRetrying) e).reason()).containsExactly("attempt 1 failed", "attempt 2 failed");
  }

  @Test
  void aTaskPastItsTimeoutIsInterruptedAndFails() throws Exception {
    EngineTestModules.Recorder rec = new EngineTestModules.Recorder();
    Harness h = new Harness(EngineTestModules.registry(new EngineTestModules.Work(rec)));
    Instant start = Instant.now();
    h.run(playbook(play("p", "all", List.of(),
        task("slow", "work", Map.of("id", "s", "millis", 20_000)).timeout(Duration.ofMillis(300)).b(),
        task("next", "echo", Map.of()).b())), hosts("h1"), Mode.APPLY);
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    assertThat(h.sink.result("slow", "h1")).satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.FAILED);
      assertThat(r.message()).isEqualTo("timed out after 0.3s");
    });
    assertThat(h.sink.result("next", "h1").message()).isEqualTo("upstream failed");
    assertThat(rec.intervals).hasSize(1); // the module saw the interrupt and stopped
  }

  @Test
  void changedWhenAndFailedWhenOverrideTheModule() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(play("p", "all", List.of(),
        task("forced", "echo", Map.of("value", 3)).register("r").changedWhen("r.value > 2").b(),
        task("quiet", "fail", Map.of("msg", "expected")).failedWhen("false").b(),
        task("probe", "steps", Map.of("run", List.of("exit 1"))).changedWhen("false").failedWhen("false").b(),
        task("strict", "echo", Map.of("value", 3)).register("s").failedWhen("s.value == 3").b())),
        hosts("h1"), Mode.APPLY);
    assertThat(h.sink.status("probe", "h1")).as("changed_when judges a failure failed_when clears")
        .isEqualTo(Status.OK);
    assertThat(h.sink.status("forced", "h1")).isEqualTo(Status.CHANGED);
    assertThat(h.sink.status("quiet", "h1")).isEqualTo(Status.OK);
    assertThat(h.sink.result("strict", "h1").message()).isEqualTo("`failed_when` is true: s.value == 3");
  }

  @Test
  void changedWhenIsJudgedOnAFailedAttemptTooSoThePlanPredictsTheApply() throws Exception {
    // as Ansible: changed_when then failed_when, on every result; the register holds failed_when_result
    var quiet = task("quiet", "put_file", Map.of("path", "/proc/no/such/dir/f", "content", "x"))
        .register("r").changedWhen("false").failedWhen("false").b();
    var show = task("show", "echo", Map.of("value", "{{ [r.changed, r.failed, r.failed_when_result] }}")).b();
    for (Mode mode : List.of(Mode.PLAN, Mode.APPLY)) {
      Harness h = new Harness(EngineTestModules.registry());
      h.run(playbook(play("p", "all", List.of(), quiet, show)), hosts("h1"), mode);

      assertThat(h.sink.status("quiet", "h1")).as(mode.toString()).isEqualTo(Status.OK);
      if (mode == Mode.APPLY) {
        assertThat(h.sink.result("show", "h1").data().get("value")).isEqualTo(List.of(false, false, false));
      }
    }
  }

  @Test
  void factsAreGatheredOnceInOneCommandAndPublishedAsAnsibleNames() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(
        Fixtures.gathering(play("p", "all", List.of(), task("show", "echo", Map.of("value",
            "{{ ansible_system }}/{{ ansible_architecture }}/{{ ansible_facts.os_family }}")).b())),
        Fixtures.gathering(play("q", "all", List.of("p"), task("again", "echo", Map.of("value", "{{ ansible_hostname }}")).b()))),
        hosts("h1"), Mode.APPLY);
    String expected = "Linux/" + System.getProperty("os.arch").replace("amd64", "x86_64").replace("aarch64", "aarch64");
    assertThat((String) h.sink.result("show", "h1").data().get("value")).startsWith(expected + "/").doesNotEndWith("/");
    assertThat(h.sink.result("again", "h1").data().get("value")).isEqualTo(
        java.net.InetAddress.getLocalHost().getHostName().split("\\.")[0]);
    assertThat(h.connections.commands.stream().filter(c -> c.contains("os-release")).count()).isEqualTo(1);
  }

  @Test
  void tagsSelectTasksAtRunTime() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(play("p", "all", List.of(),
        task("a", "echo", Map.of()).tags("x").b(), task("b", "echo", Map.of()).tags("y").b(),
        task("c", "echo", Map.of()).tags("always").b())), hosts("h1"),
        new RunOptions(Mode.APPLY, 5, null, Set.of("x"), Set.of(), Map.of(), Set.of(), false));
    assertThat(h.sink.finished()).extracting(Event.TaskFinished::task).containsExactly("a", "c");
  }
}
