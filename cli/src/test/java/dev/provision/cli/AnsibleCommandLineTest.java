package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.MainTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ansible-playbook command lines pasted as they are: the options Provision takes under Ansible's names
 * behave as Ansible's, and the ones it lacks say "not supported yet" with the way round.
 */
class AnsibleCommandLineTest {

  @TempDir Path dir;
  private Path playbook;
  private Path inventory;

  @BeforeEach
  void files() throws IOException {
    // no ansible_connection: only -c local makes this host reachable here
    inventory = Files.writeString(dir.resolve("hosts"), "[web]\nweb1\n");
    playbook = Files.writeString(dir.resolve("site.yml"), """
        - hosts: web
          gather_facts: false
          tasks:
            - name: note
              copy: {dest: "%s/note", content: "hello\\n"}
        """.formatted(dir));
  }

  @Test
  void checkPlansWithAnsiblesExitCodeAndDiffShowsTheDiff() {
    Result check = MainTest.run(playbook.toString(), "-i", inventory.toString(), "-c", "local", "--check", "-D",
        "--no-color");
    assertThat(check.code()).as(check.out() + check.err()).isZero();
    assertThat(check.out()).contains("would create").contains("+hello");
    assertThat(dir.resolve("note")).doesNotExist();
    Result plan = MainTest.run(playbook.toString(), "-i", inventory.toString(), "-c", "local", "--plan");
    assertThat(plan.code()).isEqualTo(2);
    Result apply = MainTest.run(playbook.toString(), "-i", inventory.toString(), "--connection=local", "-vvv");
    assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
    assertThat(dir.resolve("note")).hasContent("hello");
  }

  @Test
  void syntaxCheckValidatesWithoutTouchingAHost() throws IOException {
    Result ok = MainTest.run(playbook.toString(), "-i", inventory.toString(), "--syntax-check");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out().strip()).isEqualTo("playbook: " + playbook);
    Files.writeString(playbook, "- hosts: web\n  tasks:\n    - copy: {dest: /x, content: y, bogus: 1}\n");
    Result bad = MainTest.run(playbook.toString(), "-i", inventory.toString(), "--syntax-check", "--no-color");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("site.yml:3:").contains("bogus");
    assertThat(dir.resolve("note")).doesNotExist();
  }

  @Test
  void ansibleOptionsProvisionLacksAreNotSupportedYetWithTheWayRound() {
    for (String[] c : new String[][] {{"--ask-pass", "use a key"}, {"-K", "--sudo-password-file"},
        {"--start-at-task=note", "--tags"}, {"--step", "--plan"}, {"--list-hosts", "provision inventory"}}) {
      Result r = MainTest.run(playbook.toString(), "-i", inventory.toString(), c[0]);
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("`" + c[0].replaceAll("=.*", "") + "` (an ansible-playbook option) is not supported yet")
          .contains(c[1]).doesNotContain("Unknown option");
    }
    Result c = MainTest.run(playbook.toString(), "-i", inventory.toString(), "-c", "winrm");
    assertThat(c.code()).isEqualTo(1);
    assertThat(c.err()).contains("-c winrm is not supported yet");
  }
}
