package dev.provision.modules.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.module.ModuleRegistry;
import dev.provision.playbook.Play;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.playbook.Task;
import dev.provision.diag.DiagnosticsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The playbook loader on playbooks that use the built-in modules, checked against their real schemas. */
class PlaybookLoaderTest {

  private static final Path GOOD = Path.of("src/test/resources/good-playbooks/kubevirt-like.yaml");

  private final PlaybookLoader loader = new PlaybookLoader(ModuleRegistry.load());

  @TempDir
  Path dir;

  private Playbook load(String yaml) throws IOException, DiagnosticsException {
    Path file = dir.resolve("playbook.yaml");
    Files.writeString(file, yaml);
    return loader.load(file);
  }

  @Test
  void aGoodPlaybookParsesIntoTheModel() throws DiagnosticsException {
    Playbook book = loader.load(GOOD);
    assertThat(book.file()).isEqualTo(GOOD);
    assertThat(book.plays()).extracting(Play::name)
        .containsExactly("prepare hosts", "network", "storage", "play 4", "finish");

    Play prepare = book.plays().get(0);
    assertThat(prepare.hosts()).isEqualTo("all");
    assertThat(prepare.become()).isTrue();
    assertThat(prepare.gatherFacts()).isFalse();
    assertThat(prepare.vars()).isEqualTo(Map.of("kubevirt_version", "v1.2.0", "packages", List.of("qemu-kvm", "libvirt")));
    assertThat(prepare.needs()).isEmpty();
    assertThat(prepare.span().line()).isEqualTo(2);

    Task kernel = prepare.tasks().get(0);
    assertThat(kernel.name()).isEqualTo("kernel release");
    assertThat(kernel.module()).isEqualTo("command");
    assertThat(kernel.args()).isEqualTo("uname -r");
    assertThat(kernel.moduleSpan().line()).isEqualTo(11);
    assertThat(kernel.moduleSpan().column()).isEqualTo(7);
    assertThat(kernel.register()).isEqualTo("kernel");
    assertThat(kernel.changedWhen()).isEqualTo("false");
    assertThat(kernel.tags()).containsExactly("facts");
    assertThat(kernel.retries()).isZero();
    assertThat(kernel.timeout()).isNull();
    assertThat(kernel.become()).isNull();

    Task fact = prepare.tasks().get(1);
    assertThat(fact.module()).isEqualTo("set_fact");
    assertThat(fact.args()).isEqualTo(Map.of("kernel_release", "{{ kernel.stdout }}", "cacheable", true));

    Task copy = prepare.tasks().get(2);
    assertThat(copy.name()).isNull();
    assertThat(copy.displayName()).as("no_log hides the arguments").isEqualTo("copy");
    assertThat(copy.when()).isEqualTo("(kernel is succeeded) and (kernel_release is defined)");
    assertThat(copy.noLog()).isTrue();
    assertThat(((Map<?, ?>) copy.args()).get("content")).isEqualTo("managed by provision, kernel {{ kernel_release }}\n");

    Play network = book.plays().get(1);
    assertThat(network.hosts()).isEqualTo("kube_control:kube_workers");
    assertThat(network.become()).isNull();
    assertThat(network.gatherFacts()).isTrue();
    assertThat(network.needs()).as("absent needs means the play before").containsExactly("prepare hosts");
    Task shell = network.tasks().get(0);
    assertThat(shell.become()).isFalse();
    assertThat(shell.ignoreErrors()).isTrue();
    assertThat(shell.vars()).isEqualTo(Map.of("local_only", 1L));

    Play storage = book.plays().get(2);
    assertThat(storage.hosts()).as("a list of patterns is their union").isEqualTo("kube_workers:storage");
    assertThat(storage.needs()).containsExactly("prepare hosts");
    Task wait = storage.tasks().get(0);
    assertThat(wait.until()).isEqualTo("ready.status == 200");
    assertThat(wait.retries()).as("until without retries retries 3 times, as Ansible").isEqualTo(3);
    assertThat(wait.delay()).isEqualTo(Duration.ofSeconds(90));
    assertThat(wait.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(wait.tags()).containsExactly("api", "wait");

    assertThat(book.plays().get(3).needs()).as("needs: [] starts at once").isEmpty();
    assertThat(book.plays().get(3).tasks()).isEmpty();
    assertThat(book.plays().get(4).needs()).containsExactly("network", "storage");
  }

  @Test
  void durationsAcceptSecondsAndUnits() throws Exception {
    Playbook book = load("""
        - hosts: all
          tasks:
            - command: a
              timeout: 30
            - command: b
              timeout: "45"
            - command: c
              timeout: 5m
            - command: d
              timeout: 1h
              delay: 0
              retries: 2
            - command: e
        """);
    List<Task> tasks = book.plays().get(0).tasks();
    assertThat(tasks).extracting(Task::timeout).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(45),
        Duration.ofMinutes(5), Duration.ofHours(1), null);
    assertThat(tasks.get(3).delay()).isEqualTo(Duration.ZERO);
    assertThat(tasks.get(3).retries()).isEqualTo(2);
    assertThat(tasks.get(4).delay()).as("Ansible's default delay").isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void conditionsAcceptBooleansStringsAndLists() throws Exception {
    Playbook book = load("""
        - hosts: all
          tasks:
            - command: a
              when: true
            - command: b
              when: "{{ x }}"
              failed_when: [a, b, c]
            - command: c
              when: [only_one]
              tags: "one, two"
        """);
    List<Task> tasks = book.plays().get(0).tasks();
    assertThat(tasks.get(0).when()).isEqualTo("true");
    assertThat(tasks.get(1).when()).isEqualTo("{{ x }}");
    assertThat(tasks.get(1).failedWhen()).isEqualTo("(a) and (b) and (c)");
    assertThat(tasks.get(2).when()).isEqualTo("only_one");
    assertThat(tasks.get(2).tags()).containsExactly("one", "two");
  }

  @Test
  void everyProblemOfAFileIsReportedAtOnce() throws Exception {
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class, () -> load("""
        - hosts: all
          tasks:
            - commnd: a
            - command: b
              retries: many
        - name: x
          tasks: []
        """));
    assertThat(e.diagnostics().sorted()).extracting(d -> d.span().line() + ": " + d.summary()).containsExactly(
        "3: unknown module `commnd`",
        "5: `retries` must be a whole number, not `many`",
        "6: this play has no `hosts`");
  }

  @Test
  void aMissingFileIsOneDiagnostic() {
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class, () -> loader.load(dir.resolve("nope.yaml")));
    assertThat(e.diagnostics().asList()).singleElement().satisfies(d -> assertThat(d.summary()).isEqualTo("file not found"));
  }

  @Test
  void tasksKeepTheirSourceNodes() throws DiagnosticsException {
    Task task = loader.load(GOOD).plays().get(0).tasks().get(0);
    assertThat(task.node()).isNotNull();
    assertThat(task.node().keySet()).containsExactly("name", "command", "register", "changed_when", "tags");
    assertThat(task.argsNode().span().line()).isEqualTo(11);
  }

  @Test
  void varsFilesAndSecretVarsFilesAreReadRelativeToThePlaybookAndWinOverVars() throws Exception {
    Files.createDirectories(dir.resolve("vars"));
    Files.writeString(dir.resolve("vars/common.yaml"), "region: eu\nreplicas: 2\n");
    Files.writeString(dir.resolve("vars/secrets.yml"), "db_password: s3cret\nregion: us\n");

    Playbook book = load("""
        - hosts: all
          vars: {region: local, owner: ops}
          vars_files: [vars/common.yaml]
          secret_vars: [vars/secrets.yml, api_token]
          tasks:
            - debug: {msg: "{{ region }} {{ db_password }}"}
        """);

    Play play = book.plays().get(0);
    assertThat(play.vars()).containsExactlyInAnyOrderEntriesOf(
        Map.of("region", "us", "owner", "ops", "replicas", 2L, "db_password", "s3cret"));
    assertThat(play.secretVars()).containsExactlyInAnyOrder("db_password", "region", "api_token");
  }

  @Test
  void keyValueArgumentsAreReadAsAnsibleReadsThem() throws Exception {
    Playbook book = load("""
        - hosts: all
          tasks:
            - file: path=/tmp/x state=touch mode=0644
            - debug: var=result.stdout
            - debug: msg="hello {{ inventory_hostname }}"
            - command: ls -l chdir=/tmp creates=/tmp/done
            - shell: echo a=b > /tmp/f
            - command: make
              args:
                chdir: /src
            - copy: content=hi dest=/tmp/y
              args: {dest: /tmp/ignored, mode: "0600"}
        """);
    List<Task> tasks = book.plays().get(0).tasks();
    assertThat(tasks.get(0).args()).isEqualTo(Map.of("path", "/tmp/x", "state", "touch", "mode", "0644"));
    assertThat(tasks.get(1).args()).isEqualTo(Map.of("var", "result.stdout"));
    assertThat(tasks.get(2).args()).isEqualTo(Map.of("msg", "hello {{ inventory_hostname }}"));
    assertThat(tasks.get(3).args()).isEqualTo(Map.of("cmd", "ls -l", "chdir", "/tmp", "creates", "/tmp/done"));
    assertThat(tasks.get(4).args()).as("free text keeps words that are not options").isEqualTo("echo a=b > /tmp/f");
    assertThat(tasks.get(5).args()).isEqualTo(Map.of("cmd", "make", "chdir", "/src"));
    assertThat(tasks.get(6).args()).as("the module's own arguments win over args:")
        .isEqualTo(Map.of("content", "hi", "dest", "/tmp/y", "mode", "0600"));
  }

  @Test
  void keyValueArgumentsAreCheckedAgainstTheSchemaWithTheWordsPlace() throws Exception {
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class, () -> load("""
        - hosts: all
          tasks:
            - file: path=/tmp/x state=tuoch
            - file: pth=/tmp/x
            - debug: var="{{ x"
        """));
    assertThat(e.diagnostics().sorted()).extracting(d -> d.span().line() + ":" + d.span().column() + ": " + d.summary())
        .containsExactly(
            "3:31: parameter `state` of `file` must be one of file, directory, absent, link, touch, not `tuoch`",
            "4:13: unknown parameter `pth` for module `file`",
            "4:13: module `file` needs parameter `path`",
            "5:14: cannot split the arguments of `debug` into words: a Jinja block is not closed");
  }

  @Test
  void ansibleBuiltinAndLegacyNamesAreTheSameModules() throws Exception {
    Playbook book = load("""
        - hosts: all
          tasks:
            - ansible.builtin.command: uname -r chdir=/tmp
            - ansible.legacy.debug: msg=hi
            - ansible.builtin.file: {path: /tmp/x, state: touch}
        """);
    List<Task> tasks = book.plays().get(0).tasks();
    assertThat(tasks).extracting(Task::module)
        .containsExactly("ansible.builtin.command", "ansible.legacy.debug", "ansible.builtin.file");
    assertThat(tasks.get(0).args()).isEqualTo(Map.of("cmd", "uname -r", "chdir", "/tmp"));
    assertThat(tasks.get(1).args()).isEqualTo(Map.of("msg", "hi"));
  }
}
