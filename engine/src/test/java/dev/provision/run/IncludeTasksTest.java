package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.DiagnosticsException;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.playbook.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import_tasks} and {@code include_tasks}: the file's tasks, read and checked at load time. */
class IncludeTasksTest {

  @TempDir
  Path dir;

  private Path write(String name, String yaml) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
    return file;
  }

  private Playbook load(String yaml) throws Exception {
    return new PlaybookLoader(EngineTestModules.registry()).load(write("site.yml", yaml));
  }

  @Test
  void anImportsTasksTakeItsPlaceWithItsKeywordsAndNestedNamesAreFoundBesideTheirFile() throws Exception {
    write("tasks/main.yml", """
        - {name: in main, echo: {value: "{{ who }}"}}
        - import_tasks: more.yml
        """);
    write("tasks/more.yml", """
        - {name: in more, echo: {value: 2}, tags: [own]}
        """);
    Playbook book = load("""
        - hosts: all
          tasks:
            - {name: before, echo: {value: 0}}
            - import_tasks: tasks/main.yml
              when: go
              tags: [imported]
              vars: {who: me}
            - ansible.builtin.include_tasks:
                file: tasks/more.yml
              tags: [include-only]
        """);
    List<Task> tasks = book.plays().get(0).tasks();
    assertThat(tasks).extracting(Task::displayName).containsExactly("before", "in main", "in more", "in more");
    assertThat(tasks.get(1).when()).isEqualTo("go");
    assertThat(tasks.get(1).vars()).containsEntry("who", "me");
    assertThat(tasks.get(2).tags()).containsExactly("imported", "own");
    assertThat(tasks.get(3).tags()).as("an include's tags select the include, not its tasks").containsExactly("own");
    assertThat(tasks.get(2).span().file()).endsWith("more.yml");
  }

  @Test
  void problemsInsideAnImportedFileAreReportedThereAndAMissingFileOrACycleIsAnError() throws Exception {
    write("bad.yml", """
        - name: fine
          echo: {value: 1}
        - name: broken
          ech: {value: 1}
        """);
    write("loop.yml", """
        - import_tasks: loop.yml
        """);
    DiagnosticsException e = catchThrowableOfType(() -> load("""
        - hosts: all
          tasks:
            - import_tasks: bad.yml
            - import_tasks: missing.yml
            - import_tasks: loop.yml
            - import_tasks: "{{ which }}.yml" # per host: IncludeChoiceTest
            - import_tasks: bad.yml
              loop: [1, 2]
        """), DiagnosticsException.class);
    List<Diagnostic> list = e.diagnostics().asList();
    assertThat(list).extracting(d -> d.span().file().replaceAll(".*/", "") + ":" + d.span().line() + ":"
        + d.span().column() + " " + d.summary()).containsExactly(
        "bad.yml:4:3 unknown module `ech`",
        "site.yml:4:21 tasks file `missing.yml` not found",
        "loop.yml:1:17 `loop.yml` includes itself",
        "site.yml:8:7 `loop` on `import_tasks` is refused, as Ansible refuses loops on imports",
        "bad.yml:4:3 unknown module `ech`");
  }

  @Test
  void problemsInAFileIncludedUnderWhenFailOnlyTheHostsThatRunTheInclude() throws Exception {
    write("other-os.yml", """
        - name: for another system
          no_such_module: {name: x}
        """);
    Playbook book = load("""
        - hosts: all
          tasks:
            - include_tasks: other-os.yml
              when: ansible_os_family == 'Plan9'
        """);
    List<Task> tasks = book.plays().get(0).tasks();
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).module()).isEqualTo("fail");
    assertThat(tasks.get(0).when()).contains("Plan9");
    assertThat(String.valueOf(((java.util.Map<?, ?>) tasks.get(0).args()).get("msg")))
        .contains("tasks file `other-os.yml` cannot be read: ").contains("other-os.yml:2:3").contains("no_such_module");
    assertThat(book.warnings()).as("validate still shows the problem").extracting(Diagnostic::summary)
        .anyMatch(m -> m.contains("no_such_module") && m.contains("only a host that runs the include fails"));

    write("broken.yml", "- name: [unclosed\n");
    Playbook broken = load("""
        - hosts: all
          tasks:
            - include_tasks: broken.yml
              when: false
        """);
    assertThat(String.valueOf(((java.util.Map<?, ?>) broken.plays().get(0).tasks().get(0).args()).get("msg")))
        .as("a file that is not even YAML waits for a host too").contains("tasks file `broken.yml` cannot be read: ");

    DiagnosticsException e = catchThrowableOfType(() -> load("""
        - hosts: all
          tasks:
            - include_tasks: other-os.yml
        """), DiagnosticsException.class);
    assertThat(e).as("without a when every host runs it: an error at load").isNotNull();
    assertThat(e.diagnostics().asList()).extracting(Diagnostic::summary).anyMatch(m -> m.contains("no_such_module"));
  }
}
