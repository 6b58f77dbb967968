package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Play;
import dev.provision.playbook.Task;
import dev.provision.playbook.TaskLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loop}: once per item on each host, one result per node, registered as Ansible does. Real sh, real files. */
class LoopTest {

  @TempDir
  Path dir;

  private Inventory inventory() throws Exception {
    Files.createDirectories(dir.resolve("h1"));
    return Fixtures.inventory(List.of("h1"), Map.of(), Map.of("h1", Map.of("root", dir.resolve("h1").toString())));
  }

  private static Task looped(Fixtures.T t, Object items) {
    return t.b().toBuilder().loop(new TaskLoop(items, false, null, null)).build();
  }

  private Harness run(Mode mode, Play play) throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(play), inventory(), mode);
    return h;
  }

  private static Play files(Task... more) {
    Task[] tasks = new Task[more.length + 1];
    tasks[0] = looped(task("files", "put_file", Map.of("path", "{{ root }}/{{ item }}.txt", "content", "{{ item }}"))
        .register("written"), List.of("a", "{{ second }}", "c"));
    System.arraycopy(more, 0, tasks, 1, more.length);
    return Fixtures.withVars(play("p", "all", List.of(), tasks), Map.of("second", "b"));
  }

  @Test
  void eachItemRunsOnceAndTheResultsAreRegisteredInOrder() throws Exception {
    Harness h = run(Mode.APPLY, files(task("count", "echo", Map.of("value",
        "{{ written.results | map(attribute='item') | join(',') }} {{ written.changed }}")).b()));

    for (String name : List.of("a", "b", "c")) {
      assertThat(Files.readString(dir.resolve("h1/" + name + ".txt"))).isEqualTo(name);
    }
    TaskResult r = h.sink.result("files", "h1");
    assertThat(r.status()).isEqualTo(Status.CHANGED);
    assertThat(r.message()).startsWith("3 items: 3 changed\nchanged (a): write ");
    assertThat(r.diffs()).hasSize(3).first().satisfies(d -> assertThat(d.header()).startsWith("(a) "));
    assertThat(h.sink.result("count", "h1").data().get("value")).isEqualTo("a,b,c True"); // as Jinja prints a bool in text

    Harness again = run(Mode.APPLY, files());
    assertThat(again.sink.result("files", "h1").status()).isEqualTo(Status.OK);
    assertThat(again.sink.result("files", "h1").message()).startsWith("3 items: 3 ok");
  }

  @Test
  void whenIsTestedPerItemAndAFailingItemDoesNotStopTheOthers() throws Exception {
    Task skipSome = looped(task("some", "put_file", Map.of("path", "{{ root }}/{{ item }}.txt", "content", "x"))
        .when("item != 'b'"), List.of("a", "b", "c"));
    Task failOne = looped(task("fail one", "put_file", Map.of("path", "{{ item }}", "content", "x"))
        .ignoreErrors(), List.of(dir.resolve("h1/ok.txt").toString(), "/proc/no/such/dir/f", dir.resolve("h1/ok2.txt").toString()));

    Harness h = run(Mode.APPLY, play("p", "all", List.of(), skipSome, failOne));

    assertThat(h.sink.result("some", "h1").message()).startsWith("3 items: 2 changed, 1 skipped");
    assertThat(dir.resolve("h1/b.txt")).doesNotExist();
    TaskResult failed = h.sink.result("fail one", "h1");
    assertThat(failed.status()).isEqualTo(Status.OK); // ignore_errors
    assertThat(failed.message()).startsWith("failed (ignored): 3 items: 2 changed, 1 failed");
    assertThat(dir.resolve("h1/ok2.txt")).exists();
  }

  @Test
  void aPlanPredictsEachItemAndWhatReadsTheLoopIsKnownAfterApply() throws Exception {
    Harness h = run(Mode.PLAN, files(task("count", "echo", Map.of("value", "{{ written.results | length }}")).b(),
        looped(task("loop over unknown", "echo", Map.of("value", "{{ item }}")), "{{ written.results }}")));

    assertThat(h.sink.result("files", "h1").status()).isEqualTo(Status.CHANGED);
    assertThat(h.sink.result("files", "h1").actions()).hasSize(3);
    assertThat(dir.resolve("h1/a.txt")).doesNotExist();
    assertThat(h.sink.result("count", "h1").status()).isEqualTo(Status.DEFERRED);
    assertThat(h.sink.result("loop over unknown", "h1").message()).contains("`loop` reads `written`");
  }

  @Test
  void loopVarLabelFlatteningAndSetFactInALoop() throws Exception {
    Task pkgs = task("pkgs", "echo", Map.of("value", "{{ pkg.name }}")).b()
        .toBuilder().loop(new TaskLoop(List.of(List.of(Map.of("name", "qemu-kvm")), Map.of("name", "libvirt")), true,
            "pkg", "{{ pkg.name }}")).build();
    Task last = looped(task("last", "set_fact", Map.of("chosen", "{{ item }}")), "{{ [1, 2, 3] }}");
    Task show = task("show", "echo", Map.of("value", "{{ chosen }}")).b();

    Harness h = run(Mode.APPLY, play("p", "all", List.of(), pkgs, last, show));

    assertThat(h.sink.result("pkgs", "h1").message()).isEqualTo("2 items: 2 ok\nok (qemu-kvm): qemu-kvm\nok (libvirt): libvirt");
    assertThat(h.sink.result("show", "h1").data().get("value")).isEqualTo(3L);
  }

  @Test
  void setFactInALoopSeesWhatTheEarlierItemsSet() throws Exception {
    // Ansible's accumulator idiom: each item's set_fact is a host variable before the next item
    Task acc = looped(task("acc", "set_fact", Map.of("acc", "{{ acc | default([]) + [item] }}")),
        List.of("a", "b", "c"));
    Task show = task("show", "echo", Map.of("value", "{{ acc }}")).b();

    for (Mode mode : List.of(Mode.APPLY, Mode.PLAN)) {
      Harness h = run(mode, play("p", "all", List.of(), acc, show));

      assertThat(h.sink.result("show", "h1").data().get("value")).as(mode.toString()).isEqualTo(List.of("a", "b", "c"));
    }
  }

  @Test
  void theWithLookupsGiveTheirItemsAsAnsibleDoesAndLoopControlSetsTheIndexAndAnsibleLoop() throws Exception {
    Task dict = task("dict", "echo", Map.of("value", "{{ item.key }}={{ item.value }}")).b().toBuilder()
        .loop(new TaskLoop(Map.of("a", 1), "with_dict", null, null, null, false)).build();
    Task together = task("together", "echo", Map.of("value", "{{ item }}")).b().toBuilder()
        .loop(new TaskLoop(List.of(List.of(1, 2), List.of("x")), "with_together", null, null, null, false)).build();
    Task nested = task("nested", "echo", Map.of("value", "{{ item[0] }}{{ item[1] }}")).b().toBuilder()
        .loop(new TaskLoop(List.of(List.of("a", "b"), List.of(1, 2)), "with_nested", null, null, null, false)).build();
    Task indexed = task("indexed", "echo", Map.of("value", "{{ item[0] }}:{{ item[1] }}")).b().toBuilder()
        .loop(new TaskLoop(List.of("p", List.of("q")), "with_indexed_items", null, null, null, false)).build();
    Task flat = task("flat", "echo", Map.of("value", "{{ item }}")).b().toBuilder()
        .loop(new TaskLoop(List.of(1, List.of(2, List.of(3))), "with_flattened", null, null, null, false)).build();
    Task control = task("control", "echo", Map.of("value",
        "{{ i }} {{ ansible_loop.index }}/{{ ansible_loop.length }} {{ 'F' if ansible_loop.first else '-' }}"
            + "{{ 'L' if ansible_loop.last else '-' }}"
            + " {{ ansible_loop.revindex0 }}")).b().toBuilder()
        .loop(new TaskLoop(List.of("u", "v"), "loop", null, null, "i", true)).build();

    Harness h = run(Mode.APPLY, play("p", "all", List.of(), dict, together, nested, indexed, flat, control));

    assertThat(h.sink.result("dict", "h1").message()).endsWith("): a=1");
    assertThat(values(h, "together")).containsExactly(List.of(1L, "x"), java.util.Arrays.asList(2L, null));
    assertThat(values(h, "nested")).containsExactly("a1", "a2", "b1", "b2");
    assertThat(values(h, "indexed")).containsExactly("0:p", "1:q");
    assertThat(values(h, "flat")).containsExactly(1L, 2L, 3L);
    assertThat(values(h, "control")).containsExactly("0 1/2 F- 1", "1 2/2 -L 0");
  }

  private static Task lookupLoop(String name, String value, String kind, Object terms) {
    return task(name, "echo", Map.of("value", value)).b().toBuilder()
        .loop(new TaskLoop(terms, kind, null, null, null, false)).build();
  }

  @Test
  void theWithLoopsOfControllerLookupsGiveTheLookupsList() throws Exception {
    Files.createDirectories(dir.resolve("files"));
    Files.writeString(dir.resolve("files/a.conf"), "");
    Files.writeString(dir.resolve("files/b.conf"), "");
    Files.writeString(dir.resolve("files/c.txt"), "");
    List<Map<String, Object>> users = List.of(
        Map.of("name", "ann", "keys", List.of("k1", "k2")), Map.of("name", "bob"));
    Play p = Fixtures.withVars(play("p", "all", List.of(),
        lookupLoop("sequence", "{{ item }}", "with_sequence", "start=1 end=9 stride=4 format=n%02d"),
        lookupLoop("short", "{{ item }}", "with_sequence", "3"),
        lookupLoop("subelements", "{{ item.0.name }}:{{ item.1 }}", "with_subelements",
            List.of("{{ users }}", "keys", Map.of("skip_missing", true))),
        lookupLoop("fileglob", "{{ item | basename }}", "with_fileglob", dir.resolve("files") + "/*.conf"),
        lookupLoop("lines", "{{ item }}", "with_lines", "printf 'x\\ny\\n'"),
        lookupLoop("hosts", "{{ item }}", "with_inventory_hostnames", "all"),
        lookupLoop("env", "{{ item }}", "with_env", "PROVISION_NO_SUCH_VARIABLE")),
        Map.of("playbook_dir", dir.toString(), "users", users));

    Harness h = run(Mode.APPLY, p);

    for (String t : List.of("sequence", "short", "subelements", "fileglob", "lines", "hosts", "env")) {
      assertThat(h.sink.result(t, "h1").status()).as(t + ": " + h.sink.result(t, "h1").message()).isEqualTo(Status.OK);
    }
    assertThat(values(h, "sequence")).containsExactly("n01", "n05", "n09");
    assertThat(values(h, "short")).containsExactly("1", "2", "3");
    assertThat(values(h, "subelements")).containsExactly("ann:k1", "ann:k2");
    assertThat(values(h, "fileglob")).containsExactlyInAnyOrder("a.conf", "b.conf");
    assertThat(values(h, "lines")).containsExactly("x", "y");
    assertThat(values(h, "hosts")).containsExactly("h1");
    assertThat(values(h, "env")).containsExactly("");
  }

  @Test
  void aWithLookupThatFailsFailsTheTaskWithTheLookupsWords() throws Exception {
    Harness h = run(Mode.APPLY, play("p", "all", List.of(),
        lookupLoop("bad", "{{ item }}", "with_sequence", "start=5 end=1")));
    assertThat(h.sink.result("bad", "h1").status()).isEqualTo(Status.FAILED);
    assertThat(h.sink.result("bad", "h1").message()).contains("to count backwards make stride negative");
  }

  @Test
  void loopControlPauseWaitsBetweenItemsOnApplyOnly() throws Exception {
    Task paused = task("paused", "echo", Map.of("value", "{{ item }}")).b().toBuilder()
        .loop(new TaskLoop(List.of(1, 2, 3), "loop", null, null, null, false, java.time.Duration.ofMillis(400)))
        .build();
    long start = System.nanoTime();
    run(Mode.APPLY, play("p", "all", List.of(), paused));
    long applied = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    run(Mode.PLAN, play("p", "all", List.of(), paused));
    long planned = (System.nanoTime() - start) / 1_000_000;
    assertThat(applied).as("two pauses of 400 ms between three items").isGreaterThanOrEqualTo(800);
    assertThat(planned).as("the plan does not wait").isLessThan(applied - 700);
  }

  @Test
  void untilRetriesEachItemOnItsOwn() throws Exception {
    Task retried = task("retried", "echo", Map.of("value", "{{ item }}")).b().toBuilder()
        .loop(new TaskLoop(List.of(1, 2), "loop", null, null, null, false))
        .until("item > 1").retries(2).delay(java.time.Duration.ZERO).build();
    Harness h = run(Mode.APPLY, play("p", "all", List.of(), retried));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results = (List<Map<String, Object>>) h.sink.result("retried", "h1").data().get("results");
    assertThat(results.get(0)).containsEntry("failed", true).containsEntry("attempts", 3);
    assertThat(results.get(1)).containsEntry("failed", false);
    assertThat(h.sink.result("retried", "h1").status()).isEqualTo(Status.FAILED);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> values(Harness h, String task) {
    return ((List<Map<String, Object>>) h.sink.result(task, "h1").data().get("results")).stream()
        .map(r -> r.get("value")).toList();
  }
}
