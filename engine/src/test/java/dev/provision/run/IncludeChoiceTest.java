package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Event;
import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.template.Templates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Includes whose file name reads host variables, facts or registered results: resolved per host,
 * so two hosts include different files, the same in the plan and the apply; a name that reads a
 * result known only after apply is "known after apply" in the plan; a missing file is an error
 * only for a host that includes it, naming the include's place and where the file was looked for.
 */
class IncludeChoiceTest {

  @TempDir
  Path dir;

  private void write(String name, String yaml) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
  }

  private Playbook load(String yaml) throws Exception {
    write("site.yml", yaml);
    return new PlaybookLoader(EngineTestModules.registry(), new Templates(), Map.of()).load(dir.resolve("site.yml"));
  }

  private Harness run(Playbook book, Mode mode, String os2) throws Exception {
    Inventory inventory = Fixtures.inventory(List.of("h1", "h2"), Map.of(),
        Map.of("h1", Map.of("os", "Alpha"), "h2", Map.of("os", os2, "only_on_h2", "Beta")));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, inventory, mode);
    return h;
  }

  /** What each (task, host) that ran gave: {@code host task=value}, or its status and message when it did not. */
  private static List<String> ran(Harness h) {
    return h.sink.finished().stream().filter(f -> f.result().status() != Status.SKIPPED
        && !f.task().equals("Gathering Facts"))
        .map(IncludeChoiceTest::line).sorted().toList();
  }

  private static String line(Event.TaskFinished f) {
    Object value = f.result().data().get("value");
    if (f.result().data().get("results") instanceof List<?> items && !items.isEmpty()) {
      value = ((Map<?, ?>) items.get(0)).get("value"); // a loop's: its one item's
    }
    return f.host() + " " + f.task() + "=" + (f.result().status() == Status.OK && value != null ? value
        : f.result().status() + " " + f.result().message());
  }

  @Test
  void eachHostIncludesTheFileItsVariablesNameInThePlanAndTheApplyAlike() throws Exception {
    write("roles/web/tasks/main.yml", """
        - include_tasks: "setup-{{ os }}.yml"
        - include_tasks: "{{ role_path }}/tasks/setup-{{ os }}.yml"
          vars: {again: twice}
        """);
    write("roles/web/tasks/setup-Alpha.yml", "- {name: setup, echo: {value: \"alpha {{ again | default('once') }}\"}}\n");
    write("roles/web/tasks/setup-Beta.yml", "- {name: setup, echo: {value: \"beta {{ again | default('once') }}\"}}\n");
    write("roles/web/tasks/setup-Broken.yml", "- {name: broken, no_such_module: {}}\n");
    write("tasks/alpha.yml", "- {name: lower, echo: {value: a}}\n");
    write("tasks/beta.yml", "- {name: lower, echo: {value: b}}\n");
    Playbook book = load("""
        - hosts: all
          roles: [web]
          tasks:
            - include_tasks: "tasks/{{ os | lower }}.yml"
        """);
    for (Mode mode : List.of(Mode.PLAN, Mode.APPLY)) {
      assertThat(ran(run(book, mode, "Beta"))).as(mode.toString()).containsExactly(
          "h1 lower=a", "h1 web : setup=alpha once", "h1 web : setup=alpha twice",
          "h2 lower=b", "h2 web : setup=beta once", "h2 web : setup=beta twice");
    }
  }

  @Test
  void aHostWhoseNameGivesNoFileOrABrokenOneFailsAtTheIncludeAndAFalseWhenNeverLooks() throws Exception {
    write("tasks/setup-Alpha.yml", "- {name: setup, echo: {value: alpha}}\n");
    write("tasks/setup-Broken.yml", "- {name: broken, no_such_module: {}}\n");
    Playbook book = load("""
        - hosts: all
          tasks:
            - include_tasks: "tasks/setup-{{ os }}.yml"
            - include_tasks: tasks/not-written.yml
              when: os == 'Gamma'
        """);
    String site = dir.resolve("site.yml").toString();
    Harness h = run(book, Mode.APPLY, "Gamma");
    assertThat(ran(h)).containsExactly("h1 setup=alpha",
        "h2 include_tasks: tasks/setup-Gamma.yml=FAILED tasks file `tasks/setup-Gamma.yml` not found (the include at "
            + site + ":3:22; looked in " + dir.resolve("tasks/setup-Gamma.yml") + ")");
    h = run(book, Mode.PLAN, "Broken");
    assertThat(ran(h)).containsExactly("h1 setup=alpha",
        "h2 include_tasks: tasks/setup-Broken.yml=FAILED tasks file `tasks/setup-Broken.yml` cannot be read: "
            + dir.resolve("tasks/setup-Broken.yml") + ":1:18: unknown module `no_such_module` (the include at "
            + site + ":3:22; looked in " + dir.resolve("tasks/setup-Broken.yml") + ")");
    Playbook reached = load("""
        - hosts: all
          tasks:
            - include_tasks: tasks/not-written.yml
              when: os == 'Alpha'
        """);
    assertThat(ran(run(reached, Mode.PLAN, "Beta"))).containsExactly(
        "h1 include_tasks: tasks/not-written.yml=FAILED tasks file `tasks/not-written.yml` not found (the include at "
            + site + ":3:22; looked in " + dir.resolve("tasks/not-written.yml") + ")");
  }

  @Test
  void eachHostIncludesTheRoleItsVariablesNameAndOneThatNamesNoneOrABrokenOneFailsAtTheInclude() throws Exception {
    write("roles/web_Alpha/tasks/main.yml", "- {name: setup, echo: {value: \"alpha {{ colour }}\"}}\n");
    write("roles/web_Alpha/defaults/main.yml", "colour: red\n");
    write("roles/web_Beta/tasks/main.yml", "- {name: setup, echo: {value: beta}}\n");
    write("roles/web_Broken/tasks/main.yml", "- {name: broken, no_such_module: {}}\n");
    write("roles/web_notarole/README", "a folder without tasks/, vars/...: not a role\n");
    Playbook book = load("""
        - hosts: all
          tasks:
            - include_role:
                name: "web_{{ os }}"
        """);
    String site = dir.resolve("site.yml").toString();
    for (Mode mode : List.of(Mode.PLAN, Mode.APPLY)) {
      assertThat(ran(run(book, mode, "Beta"))).as(mode.toString()).containsExactly(
          "h1 web_Alpha : setup=alpha red", "h2 web_Beta : setup=beta");
    }
    String looked = "looked in " + dir.resolve("roles/web_Gamma");
    assertThat(ran(run(book, Mode.APPLY, "Gamma"))).hasSize(2).contains("h1 web_Alpha : setup=alpha red")
        .anySatisfy(l -> assertThat(l).startsWith("h2 include_role: web_Gamma=FAILED role `web_Gamma` not found"
            + " (the include at " + site + ":4:15; " + looked));
    assertThat(ran(run(book, Mode.PLAN, "Broken"))).anySatisfy(l -> assertThat(l).startsWith(
        "h2 include_role: web_Broken=FAILED role `web_Broken` cannot be read: "
            + dir.resolve("roles/web_Broken/tasks/main.yml") + ":1:18: unknown module `no_such_module`"));
  }

  @Test
  void aNameThatReadsARegisteredResultIsKnownAfterApplyInThePlan() throws Exception {
    write("tasks/step-True.yml", "- {name: step, echo: {value: changed}}\n");
    write("tasks/step-False.yml", "- {name: step, echo: {value: unchanged}}\n");
    String out = dir.resolve("out").toString();
    Playbook book = load("""
        - hosts: h1
          tasks:
            - put_file: {path: "%s", content: x}
              register: written
            - include_tasks: "tasks/step-{{ written.changed | string }}.yml"
        """.formatted(out));
    Harness plan = run(book, Mode.PLAN, "Beta");
    assertThat(plan.sink.finished().stream().filter(f -> f.task().startsWith("step") || f.task().startsWith("include"))
        .map(f -> f.result().status()).distinct()).containsExactly(Status.DEFERRED);
    assertThat(plan.sink.finished().stream().filter(f -> f.task().equals("step")).findFirst().orElseThrow().result()
        .message()).contains("known after apply").contains("written");
    assertThat(ran(run(book, Mode.APPLY, "Beta"))).contains("h1 step=changed").doesNotContain("h1 step=unchanged");
    assertThat(ran(run(book, Mode.APPLY, "Beta"))).as("the second run changes nothing").contains("h1 step=unchanged");
  }

  @Test
  void withFirstFoundGivesTheFirstFileThatExistsPerHostPassingOverUndefinedNamesAndNothingWithSkip() throws Exception {
    write("files/Beta.txt", "b");
    write("files/default.txt", "d");
    Playbook book = load("""
        - hosts: all
          tasks:
            - name: found
              echo: {value: "{{ item | basename }}"}
              with_first_found:
                - "{{ only_on_h2 }}.txt"
                - default.txt
            - name: skipped
              echo: {value: "{{ item }}"}
              with_first_found:
                files: ["{{ os }}.none"]
                skip: true
        """);
    for (Mode mode : List.of(Mode.PLAN, Mode.APPLY)) {
      assertThat(ran(run(book, mode, "Beta"))).as(mode.toString())
          .containsExactly("h1 found=default.txt", "h1 skipped=OK 0 items", "h2 found=Beta.txt", "h2 skipped=OK 0 items");
    }
  }
}
