package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.diag.DiagnosticsException;
import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.playbook.Task;
import dev.provision.template.Templates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code include_tasks} and {@code include_role} with a loop: the file (or role) is read once per
 * item, each copy a task of its own with the item as its variable, so the plan lists every
 * (task, host, item) and the apply runs exactly those.
 */
class IncludeLoopTest {

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

  private Harness run(Playbook book, Mode mode) throws Exception {
    Inventory inventory = Fixtures.inventory(List.of("h1"), Map.of(), Map.of("h1", Map.of()));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, inventory, mode);
    return h;
  }

  private static List<Object> values(Harness h, String task) {
    return h.sink.finished().stream().filter(f -> f.task().equals(task) && f.result().status() != Status.SKIPPED).map(f -> f.result().data().get("value"))
        .toList();
  }

  @Test
  void aLoopedIncludeReadsTheFileOncePerItemWithTheItemAndItsNameMayReadTheItem() throws Exception {
    write("tasks/each.yml", "- {name: each, echo: {value: \"{{ pkg }}-{{ extra }}\"}}\n");
    write("tasks/setup-a.yml", "- {name: setup, echo: {value: \"a:{{ item }}\"}}\n");
    write("tasks/setup-b.yml", "- {name: setup, echo: {value: \"b:{{ item }}\"}}\n");
    Playbook book = load("""
        - hosts: all
          vars: {extra: x}
          tasks:
            - include_tasks: tasks/each.yml
              loop: [one, two]
              loop_control: {loop_var: pkg, label: "{{ pkg }}"}
            - ansible.builtin.include_tasks: "tasks/setup-{{ item }}.yml"
              with_items: [[a], b]
            - include_tasks:
                file: tasks/each.yml
                apply: {tags: [applied], when: pkg != 'skip'}
              tags: [include-only]
              with_list: [three, skip]
              loop_control: {loop_var: pkg}
        """);
    List<Task> tasks = book.plays().get(0).tasks();
    assertThat(tasks).extracting(Task::displayName).containsExactly("each", "each", "setup", "setup", "each", "each");
    assertThat(tasks.get(1).vars()).containsEntry("pkg", "two");
    assertThat(tasks.get(4).tags()).as("apply's tags reach the tasks, the include's own do not").containsExactly("applied");
    for (Mode mode : List.of(Mode.PLAN, Mode.APPLY)) {
      Harness h = run(book, mode);
      assertThat(values(h, "each")).as(mode.toString()).containsExactly("one-x", "two-x", "three-x");
      assertThat(values(h, "setup")).as(mode.toString()).containsExactly("a:a", "b:b");
      assertThat(h.sink.finished().stream().filter(f -> f.task().equals("each")).map(f -> f.result().status()))
          .as("the item the applied `when` excludes is skipped").endsWith(Status.SKIPPED);
    }
  }

  @Test
  void aLoopedIncludeRoleReadsTheRolePerItemAndTasksFromMayReadTheItem() throws Exception {
    write("roles/web/tasks/main.yml", "- {name: main, echo: {value: \"main {{ item }}\"}}\n");
    write("roles/web/tasks/site-a.yml", "- {name: site, echo: {value: \"site-a {{ site }}\"}}\n");
    Playbook book = load("""
        - hosts: all
          tasks:
            - include_role: {name: web}
              loop: [1, 2]
            - include_role: {name: web, tasks_from: "site-{{ site }}"}
              loop: [a]
              loop_control: {loop_var: site}
        """);
    assertThat(book.plays().get(0).tasks()).extracting(Task::displayName)
        .containsExactly("web : main", "web : main", "web : site");
    Harness h = run(book, Mode.APPLY);
    assertThat(values(h, "web : main")).containsExactly("main 1", "main 2");
    assertThat(values(h, "web : site")).containsExactly("site-a a");
  }

  @Test
  void whatIsNotKnownWhenThePlaybookIsReadIsRefusedWithItsPlace() throws Exception {
    write("each.yml", "- {name: each, echo: {value: 1}}\n");
    DiagnosticsException e = catchThrowableOfType(() -> load("""
        - hosts: all
          tasks:
            - include_tasks: each.yml
              loop: "{{ packages }}"
            - include_tasks: "{{ ansible_os_family }}.yml" # per host, IncludeChoiceTest
            - include_tasks: "{{ item }}-{{ other }}.yml"
              loop: [a]
            - include_tasks: each.yml
              loop: ["{{ x }}"]
            - include_tasks: each.yml
              loop_control: {index_var: i}
              loop: [a]
            - import_tasks: each.yml
              loop: [a]
            - include_tasks: "{{ item }}.yml"
              loop: [missing]
        """), DiagnosticsException.class);
    assertThat(e.diagnostics().asList()).extracting(d -> d.span().line() + ":" + d.span().column() + " " + d.summary())
        .containsExactly(
            "4:13 `loop` over a template on `include_tasks` is not supported yet: the included tasks are read once per"
                + " item when the playbook is read, before any variable is known",
            "9:14 an item with a template in the `loop` of `include_tasks` is not supported yet: the included tasks"
                + " are read per item when the playbook is read",
            "11:22 `loop_control.index_var` on an include is not supported yet",
            "14:7 `loop` on `import_tasks` is refused, as Ansible refuses loops on imports",
            "15:22 tasks file `missing.yml` not found");
  }
}
