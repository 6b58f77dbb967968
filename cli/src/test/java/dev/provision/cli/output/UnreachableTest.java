package dev.provision.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.testing.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts that cannot be reached, through the CLI over its real SSH client: the message says what
 * to check, the summary agrees with the recap, and {@code -e ansible_host=...} decides where to
 * connect. Names resolve from an empty hosts file (no query leaves the machine); port 1 of
 * 127.0.0.1 refuses connections.
 */
class UnreachableTest {

  @TempDir Path dir;
  private Path hostsFile;
  private Path playbook;

  @BeforeEach
  void files() throws Exception {
    hostsFile = Files.writeString(dir.resolve("hosts"), "");
    playbook = Files.writeString(dir.resolve("site.yaml"), """
        - hosts: all
          tasks:
            - command: uname -r
        """);
  }

  @Test
  void aNameThatDoesNotResolveSaysToCheckNameResolutionOrAnsibleHost() throws Exception {
    Path inventory = Files.writeString(dir.resolve("inv.ini"), "ghost.home.example ansible_port=22\n");
    ChildCli.Result plan = ChildCli.in(dir).hostsFile(hostsFile)
        .run(playbook.toString(), "-i", inventory.toString(), "--plan");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(1);
    assertThat(plan.out()).contains("unreachable ghost.home.example", "unknown host name ghost.home.example")
        .contains("hint: check that `ghost.home.example` resolves on this machine (DNS or /etc/hosts), or set"
            + " ansible_host to its address")
        .contains("ghost.home.example  ok=0  changed=0  failed=0  skipped=1  unreachable=1")
        .contains("Plan incomplete: 1 host unreachable.")
        .doesNotContain("some tasks failed");
  }

  @Test
  void extraVarsChooseWhereToConnectAndARefusedPortSaysWhatToCheck() throws Exception {
    Path inventory = Files.writeString(dir.resolve("inv.ini"), "box ansible_host=nowhere.home.example\n");
    ChildCli.Result r = ChildCli.in(dir).hostsFile(hostsFile)
        .run(playbook.toString(), "-i", inventory.toString(), "-e", "ansible_host=127.0.0.1 ansible_port=1");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).as("-e wins over the inventory, as in Ansible")
        .contains("connection to 127.0.0.1:1 refused")
        .contains("hint: check that sshd runs on 127.0.0.1 and listens on port 1 (ansible_port)")
        .doesNotContain("nowhere.home.example")
        .contains("Failed: 1 host unreachable.");
  }
}
