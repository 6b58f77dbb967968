package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.DiagnosticsException;
import dev.provision.event.Status;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.playbook.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Older and rarer task and play keywords: {@code action} and {@code local_action}, {@code async} with
 * {@code poll}, {@code diff}, {@code check_mode} on a block, and the play's {@code vars_prompt}.
 */
class TaskFormsTest {

  @TempDir
  Path dir;

  private Playbook load(String yaml) throws Exception {
    Path file = dir.resolve("site.yml");
    Files.writeString(file, yaml);
    return new PlaybookLoader(EngineTestModules.registry()).load(file);
  }

  private static List<Task> tasks(Playbook book) {
    return book.plays().get(0).tasks().stream().filter(t -> t.metaAction() == null).toList();
  }

  @Test
  void actionAndLocalActionNameTheModuleFreeFormOrAsAMappingAndLocalActionRunsOnTheControlNode() throws Exception {
    Playbook book = load("""
        - hosts: all
          tasks:
            - {name: free, local_action: "echo value=1"}
            - name: mapping
              local_action: {module: echo, value: 2}
            - {name: action, action: "echo value=3"}
            - {name: written here, local_action: "put_file path=%s content=x"}
        """.formatted(dir.resolve("local")));
    List<Task> tasks = tasks(book);
    assertThat(tasks).extracting(Task::module).containsExactly("echo", "echo", "echo", "put_file");
    assertThat(tasks).extracting(Task::delegateTo).containsExactly("localhost", "localhost", null, "localhost");
    assertThat(tasks.subList(0, 3)).extracting(t -> String.valueOf(((Map<?, ?>) t.args()).get("value")))
        .containsExactly("1", "2", "3");

    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, Fixtures.hosts("h1"), Mode.APPLY);
    assertThat(h.sink.status("free", "h1")).isEqualTo(Status.OK);
    assertThat(h.connections.opened).extracting(s -> s.host() + " " + s.type()).contains("localhost local");

    DiagnosticsException e = catchThrowableOfType(() -> load("""
        - hosts: all
          tasks:
            - {name: a, local_action: [echo], echo: {value: 1}}
            - {name: b, local_action: "echo value=1", delegate_to: h2}
        """), DiagnosticsException.class);
    assertThat(e.diagnostics().asList()).extracting(d -> d.span().line() + ":" + d.summary()).contains(
        "3:`local_action` must name a module and its arguments, not a list",
        "4:`local_action` runs on the control node; `delegate_to` says otherwise");
  }

  @Test
  void asyncWithPollingIsTheTasksTimeLimitAndFireAndForgetIsNotSupportedYet() throws Exception {
    List<Task> tasks = tasks(load("""
        - hosts: all
          tasks:
            - {name: a, echo: {value: 1}, async: 30, poll: 5}
            - {name: b, echo: {value: 1}, async: 30, timeout: 10}
            - {name: c, echo: {value: 1}}
        """));
    assertThat(tasks).extracting(Task::timeout).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(10), null);

    DiagnosticsException e = catchThrowableOfType(() -> load("""
        - hosts: all
          tasks:
            - {name: a, echo: {value: 1}, async: 30, poll: 0}
        """), DiagnosticsException.class);
    assertThat(e.diagnostics().asList()).extracting(Diagnostic::summary)
        .containsExactly("`poll: 0` (fire and forget, with async_status later) is not supported yet");
  }

  @Test
  void diffFalseHidesTheTasksDiffsAndAnsibleDiffModeIsTheDiffOptionAlone() throws Exception {
    Path file = dir.resolve("f");
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tasks:
            - {name: hidden, put_file: {path: "%1$s", content: secret}, diff: false}
            - {name: shown, put_file: {path: "%1$s2", content: x}}
            - {name: mode, echo: {value: "{{ ansible_diff_mode }}"}, diff: true}
            - block:
                - {name: block mode, echo: {value: "{{ ansible_diff_mode }}"}}
              diff: false
        """.formatted(file));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, Fixtures.hosts("h1"), new RunOptions(Mode.PLAN, 5, null, Set.of(), Set.of(), Map.of(), Set.of(), true));
    assertThat(h.sink.result("hidden", "h1").status()).isEqualTo(Status.CHANGED);
    assertThat(h.sink.result("hidden", "h1").diffs()).isEmpty();
    assertThat(h.sink.result("shown", "h1").diffs()).isNotEmpty();
    assertThat(h.sink.result("mode", "h1").message()).isEqualTo("true");
    assertThat(h.sink.result("block mode", "h1").message()).isEqualTo("true"); // as Ansible: --diff, not the keyword
  }

  @Test
  void checkModeOnABlockKeepsItsTasksFromChangingTheHost() throws Exception {
    Path file = dir.resolve("never");
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tasks:
            - block:
                - {name: write, put_file: {path: "%s", content: x}}
              check_mode: true
        """.formatted(file));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, Fixtures.hosts("h1"), Mode.APPLY);
    assertThat(h.sink.status("write", "h1")).isEqualTo(Status.CHANGED);
    assertThat(file).doesNotExist();
  }

  @Test
  void varsPromptTakesItsDefaultSayingSoAndWithoutOneNeedsAnExtraVar() throws Exception {
    Path file = dir.resolve("site.yml");
    Files.writeString(file, """
        - hosts: all
          gather_facts: false
          vars_prompt:
            - {name: version, prompt: Which version?, default: "1.2", private: false}
            - {name: password, prompt: Password?}
          tasks:
            - {name: v, echo: {value: "{{ version }} {{ password }}"}}
        """);
    Path inventory = dir.resolve("hosts.yml");
    Files.writeString(inventory, "all:\n  hosts:\n    h1:\n");
    Engine engine = new Engine(EngineTestModules.registry());
    Engine.Loaded loaded = engine.load(file, inventory);
    assertThat(loaded.playbook().plays().get(0).vars()).containsEntry("version", "1.2");
    assertThat(loaded.playbook().plays().get(0).secretVars()).containsExactly("password");

    DiagnosticsException e = catchThrowableOfType(() -> engine.validate(loaded, RunOptions.defaults(Mode.PLAN)),
        DiagnosticsException.class);
    assertThat(e.diagnostics().asList().stream().filter(Diagnostic::isError))
        .extracting(d -> d.span().line() + ":" + d.summary()).containsExactly(
        "5:vars_prompt without a default needs -e password=... (interactive prompts are not supported yet)");

    List<Diagnostic> warnings = new ArrayList<>();
    engine.validate(loaded, new RunOptions(Mode.PLAN, 5, null, Set.of(), Set.of(), Map.of("password", "pw"), Set.of(),
        false), w -> w.forEach(warnings::add));
    assertThat(warnings).extracting(Diagnostic::summary).contains(
        "vars_prompt `version` is not asked: its default is used (interactive prompts are not supported yet)");
  }

  @Test
  void notifyOnABlockIsEachOfItsTasksUnlessTheTaskNamesItsOwn() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tasks:
            - block:
                - {name: changes, put_file: {path: "%s", content: x}}
                - {name: own, put_file: {path: "%s", content: x}, notify: other}
              notify: restart
          handlers:
            - {name: restart, echo: {value: 1}}
            - {name: other, echo: {value: 2}}
        """.formatted(dir.resolve("a"), dir.resolve("b")));
    assertThat(tasks(book).stream().filter(t -> t.module().equals("put_file"))).extracting(Task::notifies)
        .containsExactly(List.of("restart"), List.of("other"));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, Fixtures.hosts("h1"), Mode.APPLY);
    assertThat(h.sink.status("restart", "h1")).isEqualTo(Status.OK);
    assertThat(h.sink.status("other", "h1")).isEqualTo(Status.OK);
  }

  @Test
  void aTemplatedIgnoreErrorsIsJudgedPerHostWhenTheTaskFails() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tasks:
            - {name: boom, fail: {}, ignore_errors: "{{ inventory_hostname == 'h1' }}"}
            - block:
                - {name: in block, fail: {}}
              ignore_errors: "{{ lenient | default(false) }}"
              vars: {lenient: true}
            - {name: after, echo: {value: 1}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, Fixtures.hosts("h1", "h2"), Mode.APPLY);
    assertThat(h.sink.result("boom", "h1").message()).startsWith("failed (ignored)");
    assertThat(h.sink.status("boom", "h2")).isEqualTo(Status.FAILED);
    assertThat(h.sink.result("in block", "h1").message()).startsWith("failed (ignored)");
    assertThat(h.sink.status("after", "h1")).isEqualTo(Status.OK);
    assertThat(h.sink.status("after", "h2")).isEqualTo(Status.SKIPPED);
  }
}
