package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.DiagnosticsException;
import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Play;
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
 * Roles as Ansible reads them: found on the roles path, their dependencies first and once, their
 * defaults, vars and params in Ansible's precedence, their handlers, {@code import_role} and
 * {@code include_role}. Loaded from real files, run on a real {@code sh -c} connection.
 */
class RolesTest {

  @TempDir
  Path dir;

  private void write(String name, String yaml) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
  }

  private Playbook load(String yaml, Map<String, String> env) throws Exception {
    write("site.yml", yaml);
    return new PlaybookLoader(EngineTestModules.registry(), new Templates(), env).load(dir.resolve("site.yml"));
  }

  private Playbook load(String yaml) throws Exception {
    return load(yaml, Map.of());
  }

  private Harness run(Playbook book, Map<String, Object> hostVars) throws Exception {
    Inventory inventory = Fixtures.inventory(List.of("h1"), Map.of(), Map.of("h1", hostVars));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, inventory, Mode.APPLY);
    return h;
  }

  private Object value(Harness h, String task) {
    return h.sink.result(task, "h1").data().get("value");
  }

  /** A role `web` depending on `common`; `common`'s defaults and vars show what wins. */
  private void roles() throws Exception {
    write("roles/common/tasks/main.yml", """
        - name: common says
          echo: {value: "{{ who }} {{ role_name }}"}
        """);
    write("roles/common/defaults/main.yml", "who: common-default\nport: 1\n");
    write("roles/web/meta/main.yml", "dependencies:\n  - common\n");
    write("roles/web/defaults/main.yaml", "port: 80\nlevel: default\n");
    write("roles/web/vars/main", "level: role-vars\n");
    write("roles/web/tasks/main.yml", """
        - name: port
          echo: {value: "{{ port }} {{ level }} {{ role_path | basename }}"}
          notify: restart web
        - import_tasks: more.yml
        """);
    write("roles/web/tasks/more.yml", "- {name: more, echo: {value: '{{ extra | default(\"none\") }}'}}\n");
    write("roles/web/handlers/main.yml", "- {name: restart web, echo: {value: restarted}}\n");
  }

  @Test
  void aPlaysRolesRunAfterPreTasksWithTheirDependenciesFirstAndOnce() throws Exception {
    roles();
    Playbook book = load("""
        - hosts: all
          pre_tasks:
            - {name: pre, echo: {value: "{{ port }}"}}
          roles:
            - web
            - role: web
            - {role: web, extra: param}
          tasks:
            - {name: after, echo: {value: "{{ level }}"}}
        """);
    Play play = book.plays().get(0);
    // Ansible flushes the handlers after pre_tasks and after the roles: a flush between the sections
    assertThat(play.tasks()).extracting(Task::displayName).containsExactly("pre", "meta: flush_handlers",
        "common : common says", "web : port", "web : more", "web : port", "web : more", "meta: flush_handlers",
        "after");
    assertThat(play.handlers()).extracting(Task::displayName).containsExactly("web : restart web");
    assertThat(play.tasks().get(2).span().file()).endsWith("roles/common/tasks/main.yml");

    Harness h = run(book, Map.of("port", 8080));
    // Ansible: role defaults are below the inventory; role vars above it; role params above both
    assertThat(h.sink.finished().stream().filter(f -> f.task().equals("web : port")).map(f -> f.result().data().get("value")))
        .containsExactly("8080 role-vars web", "8080 role-vars web");
    assertThat(value(h, "common : common says")).isEqualTo("common-default common");
    assertThat(h.sink.finished().stream().filter(f -> f.task().equals("web : more")).map(f -> f.result().data().get("value")))
        .containsExactly("none", "param");
    assertThat(value(h, "pre")).as("the play's roles expose their defaults to every task of the play").isEqualTo(8080L);
    assertThat(value(h, "after")).isEqualTo("role-vars");
  }

  @Test
  void roleDefaultsAreTheLowestPrecedenceAndEntryVarsBeatRoleVars() throws Exception {
    roles();
    Playbook book = load("""
        - hosts: all
          vars: {level: play}
          roles:
            - {role: web, vars: {level: entry}, when: run_web | default(true)}
        """);
    Harness h = run(book, Map.of());
    assertThat(value(h, "web : port")).isEqualTo("80 entry web");
    assertThat(book.plays().get(0).tasks().get(1).when()).isEqualTo("run_web | default(true)");
  }

  @Test
  void importRoleAndIncludeRoleReadTheNamedFilesOfTheRole() throws Exception {
    roles();
    write("roles/web/tasks/setup.yml", "- {name: setup, echo: {value: '{{ level }}'}}\n");
    write("roles/web/vars/other.yml", "level: other-vars\n");
    Playbook book = load("""
        - hosts: all
          tasks:
            - import_role: {name: web, tasks_from: setup}
              tags: [imported]
            - include_role: {name: web, tasks_from: setup.yml, vars_from: other}
              tags: [selected]
        """);
    List<Task> tasks = book.plays().get(0).tasks();
    assertThat(tasks).as("a dependency that ran already does not run again").extracting(Task::displayName)
        .containsExactly("common : common says", "web : setup", "web : setup");
    assertThat(tasks.get(1).tags()).containsExactly("imported");
    assertThat(tasks.get(2).tags()).as("an include's tags select the include alone").isEmpty();
    Harness h = run(book, Map.of());
    assertThat(h.sink.finished().stream().filter(f -> f.task().equals("web : setup")).map(f -> f.result().data().get("value")))
        .containsExactly("role-vars", "other-vars");
  }

  @Test
  void aRoleHandlerIsNotifiedByNameAndRunsWhereTheTaskChanged() throws Exception {
    roles();
    Playbook book = load("""
        - hosts: all
          roles: [web]
          tasks:
            - {name: also, echo: {value: x}, notify: "web : restart web"}
        """);
    Harness h = run(book, Map.of());
    assertThat(h.sink.status("web : restart web", "h1")).isIn(Status.OK, Status.CHANGED, Status.SKIPPED);
  }

  @Test
  void theRolesPathComesFromAnsibleRolesPathOrAnsibleCfgAndARoleMayBeAPath() throws Exception {
    write("shared/base/tasks/main.yml", "- {name: base task, echo: {value: 1}}\n");
    write("elsewhere/other/tasks/main.yml", "- {name: other task, echo: {value: 2}}\n");
    write("ansible.cfg", "[defaults]\nroles_path = ./shared\n");
    Playbook book = load("""
        - hosts: all
          roles: [base, ./elsewhere/other]
        """);
    assertThat(book.plays().get(0).tasks()).extracting(Task::displayName).containsExactly("base : base task",
        "./elsewhere/other : other task");
    Playbook fromEnv = load("- hosts: all\n  roles: [other]\n", Map.of("ANSIBLE_ROLES_PATH", dir.resolve("elsewhere").toString()));
    assertThat(fromEnv.plays().get(0).tasks()).extracting(Task::displayName).containsExactly("other : other task");
  }

  @Test
  void aMissingRoleNamesWhereItWasLookedForWithADidYouMean() throws Exception {
    roles();
    write("roles/web/tasks/broken.yml", "- {name: broken, ech: {value: 1}}\n");
    DiagnosticsException e = catchThrowableOfType(() -> load("""
        - hosts: all
          roles:
            - wbe
          tasks:
            - import_role: {name: web, tasks_from: nothing}
            - import_role: {name: web, tasks_from: broken}
        """), DiagnosticsException.class);
    List<Diagnostic> all = e.diagnostics().asList();
    assertThat(all).anySatisfy(d -> {
      assertThat(d.summary()).isEqualTo("role `wbe` not found");
      assertThat(d.span().line()).isEqualTo(3);
      assertThat(d.span().column()).isEqualTo(7);
      assertThat(d.hint()).contains("did you mean `web`?").contains("roles/wbe");
    });
    assertThat(all).anySatisfy(d -> assertThat(d.summary()).isEqualTo("role `web` has no tasks file `nothing`"));
    assertThat(all).anySatisfy(d -> {
      assertThat(d.summary()).contains("`ech`");
      assertThat(d.span().file()).endsWith("roles/web/tasks/broken.yml");
    });
  }
}
