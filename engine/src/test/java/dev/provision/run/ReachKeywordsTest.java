package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.connection.ConnectionSpec;
import dev.provision.diag.DiagnosticsException;
import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.playbook.Reach;
import dev.provision.playbook.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The play, block, role and task keywords {@code connection}, {@code remote_user} and {@code port},
 * and play {@code tags}: given to every task as Ansible gives them (the innermost wins), and the
 * host's variables ({@code ansible_connection}, {@code ansible_user}, {@code ansible_port}) over them.
 */
class ReachKeywordsTest {

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
  void thePlaysKeywordsReachEveryTaskUnderTheBlocksRolesAndTasksOwn() throws Exception {
    write("roles/r/tasks/main.yml", "- {name: in role, echo: {value: 1}}\n");
    Playbook book = load("""
        - hosts: all
          connection: local
          remote_user: deploy
          port: 2222
          tags: [play]
          roles:
            - {role: r, port: 2200}
          tasks:
            - {name: plain, echo: {value: 1}}
            - block:
                - {name: in block, echo: {value: 1}, remote_user: "{{ who }}"}
              connection: smart
              tags: [blk]
            - {name: own, echo: {value: 1}, connection: ssh, tags: [own]}
          handlers:
            - {name: h, echo: {value: 1}}
        """);
    var play = book.plays().get(0);
    assertThat(play.reach()).isEqualTo(new Reach("local", "deploy", "2222"));
    List<Task> tasks = play.tasks().stream().filter(t -> t.metaAction() == null).toList();
    assertThat(tasks).extracting(Task::ownName).containsExactly("in role", "plain", "in block", "own");
    assertThat(tasks).extracting(Task::reach).containsExactly(new Reach("local", "deploy", "2200"),
        new Reach("local", "deploy", "2222"), new Reach("smart", "{{ who }}", "2222"), new Reach("ssh", "deploy", "2222"));
    assertThat(tasks).extracting(Task::tags).containsExactly(List.of("play"), List.of("play"), List.of("play", "blk"),
        List.of("play", "own"));
    assertThat(play.handlers().get(0).reach()).isEqualTo(new Reach("local", "deploy", "2222"));
    assertThat(play.handlers().get(0).tags()).as("a handler runs when notified, whatever the tags").isEmpty();
  }

  @Test
  void anotherConnectionPluginIsNotSupportedYetAndABadPortOrNameIsAnErrorWithItsPlace() throws Exception {
    DiagnosticsException e = catchThrowableOfType(() -> load("""
        - hosts: all
          connection: docker
          port: 99999
          tasks:
            - {name: a, echo: {value: 1}, connection: sssh}
            - {name: b, echo: {value: 1}, remote_user: [a]}
            - name: c
              echo: {value: 1}
              connection: community.docker.docker
        """), DiagnosticsException.class);
    assertThat(e.diagnostics().asList()).extracting(d -> d.span().line() + ":" + d.span().column() + " " + d.summary())
        .containsExactly(
            "2:15 the connection `docker` is not supported yet",
            "3:9 `port` must be a port number from 1 to 65535, not `99999`",
            "5:47 unknown connection `sssh`",
            "6:48 `remote_user` must be a string, not a list",
            "9:19 the connection `community.docker.docker` is not supported yet");
  }

  private static ConnectionSpec opened(Harness h, String host, String type) {
    return h.connections.opened.stream().filter(s -> s.host().equals(host) && s.type().equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " connection to " + host + ": " + h.connections.opened));
  }

  @Test
  void theKeywordsChooseHowAHostIsReachedAndTheHostsVariablesWinOverThem() throws Exception {
    Path file = dir.resolve("f");
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          remote_user: deploy
          port: 2222
          vars: {who: templated}
          tasks:
            - {name: over ssh, put_file: {path: "%1$s", content: x}}
            - {name: as who, put_file: {path: "%1$s2", content: x}, remote_user: "{{ who }}", connection: local}
        """.formatted(file));
    Inventory inventory = Fixtures.inventory(List.of("h1", "h2"), Map.of(),
        Map.of("h1", Map.of("ansible_user", "inv", "ansible_port", 22)));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, inventory, Mode.PLAN);

    assertThat(h.sink.status("as who", "h2")).isEqualTo(Status.CHANGED);
    ConnectionSpec h1 = opened(h, "h1", "ssh");
    assertThat(List.of(h1.user(), h1.port())).as("the inventory's ansible_user and ansible_port win")
        .containsExactly("inv", 22);
    ConnectionSpec h2 = opened(h, "h2", "ssh");
    assertThat(List.of(h2.user(), h2.port())).containsExactly("deploy", 2222);
    ConnectionSpec local = opened(h, "h2", "local");
    assertThat(local.user()).isEqualTo("templated");
    assertThat(opened(h, "h1", "local").user()).isEqualTo("inv");
  }

  @Test
  void playTagsSelectItsTasksAndAlwaysAndNeverWorkAsOnTasks() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tags: [web]
          tasks:
            - {name: tagged by the play, echo: {value: 1}}
            - {name: never unless asked, echo: {value: 1}, tags: [never, debug]}
        - hosts: all
          gather_facts: false
          tasks:
            - {name: other play, echo: {value: 1}}
            - {name: always, echo: {value: 1}, tags: [always]}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, Fixtures.hosts("h1"), new RunOptions(Mode.APPLY, 5, null, Set.of("web"), Set.of(), Map.of(), Set.of(),
        false));
    List<String> ran = h.sink.finished().stream().filter(f -> f.result().status() != Status.SKIPPED)
        .map(f -> f.task()).toList();
    assertThat(ran).as("as in Ansible, a task's tags include its play's: `--tags web` asks for the `never` task too")
        .containsExactly("tagged by the play", "never unless asked", "always");

    Harness all = new Harness(EngineTestModules.registry());
    all.run(book, Fixtures.hosts("h1"), Mode.APPLY);
    assertThat(all.sink.finished().stream().filter(f -> f.result().status() != Status.SKIPPED).map(f -> f.task()))
        .containsExactly("tagged by the play", "other play", "always");

    Harness skip = new Harness(EngineTestModules.registry());
    skip.run(book, Fixtures.hosts("h1"), new RunOptions(Mode.APPLY, 5, null, Set.of(), Set.of("web"), Map.of(),
        Set.of(), false));
    assertThat(skip.sink.finished().stream().filter(f -> f.result().status() != Status.SKIPPED).map(f -> f.task()))
        .containsExactly("other play", "always");
  }
}
