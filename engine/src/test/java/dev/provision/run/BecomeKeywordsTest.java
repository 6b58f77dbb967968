package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.connection.Become;
import dev.provision.connection.Command;
import dev.provision.diag.DiagnosticsException;
import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.BecomeAs;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.playbook.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code become_user}, {@code become_method}, {@code become_flags} and {@code become_exe} on plays,
 * blocks, roles and tasks (the innermost wins), the host's {@code ansible_become_*} variables over
 * them, and {@code ansible_become_password} given to the connection, never shown.
 */
class BecomeKeywordsTest {

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
  void thePlaysBlocksRolesAndTasksKeywordsReachEachTaskInnermostFirst() throws Exception {
    write("roles/r/tasks/main.yml", "- {name: in role, echo: {value: 1}}\n");
    Playbook book = load("""
        - hosts: all
          become: true
          become_user: app
          become_flags: -H
          roles:
            - {role: r, become_user: web, become_method: su}
          tasks:
            - {name: plain, echo: {value: 1}}
            - block:
                - {name: in block, echo: {value: 1}, become_user: "{{ who }}"}
              become_method: ansible.builtin.sudo
              become_exe: /usr/local/bin/sudo
          handlers:
            - {name: h, echo: {value: 1}}
        """);
    var play = book.plays().get(0);
    List<Task> tasks = play.tasks().stream().filter(t -> t.metaAction() == null).toList();
    assertThat(tasks).extracting(Task::ownName).containsExactly("in role", "plain", "in block");
    assertThat(tasks).extracting(Task::becomeAs).containsExactly(new BecomeAs("web", "su", "-H", null),
        new BecomeAs("app", null, "-H", null), new BecomeAs("{{ who }}", "sudo", "-H", "/usr/local/bin/sudo"));
    assertThat(play.handlers().get(0).becomeAs()).isEqualTo(new BecomeAs("app", null, "-H", null));
  }

  @Test
  void anotherBecomeMethodIsNotSupportedYetAndABadValueIsAnErrorWithItsPlace() throws Exception {
    DiagnosticsException e = catchThrowableOfType(() -> load("""
        - hosts: all
          become_method: doas
          tasks:
            - {name: a, echo: {value: 1}, become_method: sudoo}
            - {name: b, echo: {value: 1}, become_user: [a]}
        """), DiagnosticsException.class);
    assertThat(e.diagnostics().asList()).extracting(d -> d.span().line() + ":" + d.span().column() + " " + d.summary())
        .containsExactly(
            "2:18 the become method `doas` is not supported yet",
            "4:50 unknown become method `sudoo`",
            "5:48 `become_user` must be a string, not a list");
  }

  /** How the commands that read {@code path} became {@code user}. */
  private static List<Become> sentFor(Harness h, Path path, String user) {
    return h.connections.sent.stream().filter(c -> c.script().contains(path.toString()) && c.become()
        && user.equals(c.becomeAs().userOrRoot())).map(Command::becomeAs).toList();
  }

  @Test
  void commandsBecomeTheUserTheKeywordsSayAndTheHostsVariablesWin() throws Exception {
    Path plain = dir.resolve("plain");
    Path templated = dir.resolve("templated");
    Path noBecome = dir.resolve("none");
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          become: true
          become_user: app
          vars: {who: deploy}
          tasks:
            - {name: plain, put_file: {path: "%s", content: x}}
            - {name: templated, put_file: {path: "%s", content: x}, become_user: "{{ who }}", become_method: su,
               become_flags: "-l", become_exe: /bin/su}
            - {name: without become, put_file: {path: "%s", content: x}, become: false}
        """.formatted(plain, templated, noBecome));
    Inventory inventory = Fixtures.inventory(List.of("h1", "h2"), Map.of(),
        Map.of("h2", Map.of("ansible_become_user", "inv", "ansible_become_method", "sudo",
            "ansible_become_password", "s3cret-pw")));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, inventory, Mode.PLAN);

    assertThat(h.sink.status("templated", "h1")).isEqualTo(Status.CHANGED);
    assertThat(sentFor(h, plain, "app")).isNotEmpty().allSatisfy(b -> assertThat(b.method()).isEqualTo("sudo"));
    assertThat(sentFor(h, templated, "deploy")).isNotEmpty().allSatisfy(b ->
        assertThat(List.of(b.method(), b.flags(), b.exe())).containsExactly("su", "-l", "/bin/su"));
    assertThat(h.connections.sent.stream().filter(c -> c.script().contains(noBecome.toString())))
        .allSatisfy(c -> assertThat(c.become()).isFalse());

    // h2's variables win over every keyword; its password goes to the connection, and into no event
    List<Become> h2 = new java.util.ArrayList<>(sentFor(h, plain, "inv"));
    h2.addAll(sentFor(h, templated, "inv"));
    assertThat(sentFor(h, plain, "inv")).isNotEmpty();
    assertThat(sentFor(h, templated, "inv")).isNotEmpty();
    assertThat(h2).allSatisfy(b -> {
      assertThat(b.method()).isEqualTo("sudo");
      assertThat(new String(b.password().get())).isEqualTo("s3cret-pw");
      assertThat(b.toString()).doesNotContain("s3cret-pw");
    });
    assertThat(h.sink.events.toString() + h.connections.commands).doesNotContain("s3cret-pw");
  }

  @Test
  void aBecomeMethodFromAVariableThatProvisionDoesNotRunFailsTheTaskSayingSo() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          become: true
          tasks:
            - {name: t, put_file: {path: "%s", content: x}, become_method: "{{ how }}", vars: {how: pbrun}}
        """.formatted(dir.resolve("f")));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, Fixtures.hosts("h1"), Mode.PLAN);
    assertThat(h.sink.status("t", "h1")).isEqualTo(Status.FAILED);
    assertThat(h.sink.finished().get(0).result().message()).contains("the become method `pbrun` is not supported yet");
  }

  @Test
  void aFileReadAsAnotherUserIsThatUsersViewAndIsNotTakenForRootsRead() throws Exception {
    Path file = dir.resolve("shared");
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          become: true
          tasks:
            - {name: as app, put_file: {path: "%1$s", content: x}, become_user: app}
            - {name: as root, put_file: {path: "%1$s", content: x}}
        """.formatted(file));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, Fixtures.hosts("h1"), Mode.PLAN);
    assertThat(sentFor(h, file, "app")).isNotEmpty();
    assertThat(sentFor(h, file, "root")).as("root reads the file itself").isNotEmpty();
  }
}
