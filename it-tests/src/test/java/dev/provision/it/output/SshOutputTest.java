package dev.provision.it.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.it.support.CliProcess;
import dev.provision.lab.ssh.LabUsers;
import dev.provision.lab.ssh.SshLab;
import dev.provision.lab.ssh.SshLabFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What failures over real SSH say in the text output: the unknown host key's fix whole, and why
 * sudo refused, in words.
 */
class SshOutputTest {

  @RegisterExtension
  static final SshLabFixture LAB = SshLabFixture.of(1, "127.0.61.1");

  private static final String SUDO_USER = "provision-out-sudo";
  private static final String SUDO_PASSWORD = "out-sudo-pw-4f1c";

  @TempDir Path work;

  @Test
  void theUnknownHostKeyFixIsShownWhole() throws Exception {
    Path emptyKnownHosts = Files.writeString(work.resolve("known_hosts"), "");
    Path inventory = Files.writeString(work.resolve("hosts.yaml"),
        Files.readString(LAB.inventory()).replace(LAB.lab().knownHosts().toString(), emptyKnownHosts.toString()));
    Path playbook = Files.writeString(work.resolve("site.yaml"), "- hosts: all\n  tasks:\n    - command: uname -r\n");
    Cli run = Cli.run(playbook.toString(), "-i", inventory.toString(), "--no-color");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).contains("is not known").contains("which is not in " + emptyKnownHosts + ". If that"
        + " fingerprint is right, accept it with --accept-new-host-keys, or add it with `ssh-keyscan")
        .contains(">> " + emptyKnownHosts + "`").doesNotContain("...");
  }

  @Test
  void sudoFailuresSayTheCauseInWords() throws Exception {
    LabUsers.ensure(SUDO_USER, SUDO_PASSWORD, LabUsers.Sudo.PASSWORD);
    try (SshLab lab = SshLab.builder().hosts(1).baseAddress("127.0.61.11").user(SUDO_USER).start()) {
      Path inventory = lab.writeInventory(work.resolve("sudo-hosts.yaml"));
      Path playbook = Files.writeString(work.resolve("sudo.yaml"), """
          - hosts: all
            become: true
            tasks:
              - name: who
                command: id -u
          """);
      List<String> args = List.of(playbook.toString(), "-i", inventory.toString(), "--no-color");

      Cli none = CliProcess.run(work, Map.of(), args);
      assertThat(none.exitCode()).as(none.toString()).isEqualTo(1);
      assertThat(none.stdout()).contains("become failed on " + lab.host(0).name()
          + ": sudo needs a password and none was given").doesNotContain("connection error");

      Cli wrong = CliProcess.run(work, Map.of("PROVISION_SUDO_PASSWORD", "not-the-password"), args);
      assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
      assertThat(wrong.stdout()).contains("the sudo password was refused for user " + SUDO_USER)
          .doesNotContain("Sorry, try again").doesNotContain("not-the-password");

      Cli right = CliProcess.run(work, Map.of("PROVISION_SUDO_PASSWORD", SUDO_PASSWORD), args);
      assertThat(right.exitCode()).as(right.toString()).isZero();
    }
  }
}
