package dev.provision.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.it.support.CliProcess;
import dev.provision.lab.gate.RealParts;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLabFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance cases (it-tests/src/test/resources/conformance/FEATURE/, see its README): each is a
 * self-checking playbook written here from Ansible's documentation. Each runs on two real sshd hosts
 * with Debian's {@code ansible-playbook} (2.14) and with Provision, plan then apply, from clean hosts,
 * and the two must agree: Ansible passes its own asserts (so the case is right about Ansible), the plan
 * fails nothing and changes no file, the apply passes the same asserts, and the recaps match (Ansible's
 * {@code ok} counts changed tasks too: it is Provision's ok + changed).
 */
class ConformanceTest {

  @RegisterExtension
  // -Dconformance.base=127.0.X.1: another base address, so that two worktrees can run cases at once
  static final SshLabFixture LAB = SshLabFixture.of(2, System.getProperty("conformance.base", "127.0.12.1"));

  @TempDir static Path work;

  static Stream<ConformanceCase> cases() throws IOException {
    return ConformanceCase.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ansibleAndProvisionAgree(ConformanceCase c) throws Exception {
    RealParts.requirePrograms("ansible", "ansible-playbook");
    Path dir = c.copyTo(work.resolve(c.name()));
    Path inventory = AnsibleInventory.write(LAB.lab(), dir);

    clearHosts();
    AnsibleRun ansible = AnsibleRun.run(dir, inventory, c);
    assertThat(ansible.exitCode()).as("Ansible on its own case: %s", ansible).isEqualTo(c.ansibleExitCode());

    clearHosts();
    Map<String, String> before = HostFiles.snapshot(roots());
    Cli plan = provision(dir, inventory, c, "--plan");
    assertThat(plan.exitCode()).as("the plan: %s", plan).isIn(c.planExitCodes());
    assertThat(HostFiles.snapshot(roots())).as("the plan changes no file on the hosts").isEqualTo(before);

    Cli apply = provision(dir, inventory, c);
    assertThat(apply.exitCode()).as("the apply: %s", apply).isEqualTo(c.exitCode());
    if (c.compareCounts()) {
      for (LabHost host : LAB.lab().hosts()) {
        Map<String, Long> theirs = ansible.stats(host.name());
        Map<String, Object> ours = apply.recap(host.name());
        String why = "recap of " + host.name() + ": Ansible " + theirs + ", Provision " + ours + "\n" + apply;
        assertThat(number(ours, "ok") + number(ours, "changed")).as(why).isEqualTo(theirs.get("ok"));
        assertThat(number(ours, "changed")).as(why).isEqualTo(theirs.get("changed"));
        assertThat(number(ours, "failed")).as(why).isEqualTo(theirs.get("failures"));
        assertThat(number(ours, "rescued")).as(why).isEqualTo(theirs.get("rescued"));
        assertThat(number(ours, "ignored")).as(why).isEqualTo(theirs.get("ignored"));
      }
    }
    clearHosts();
  }

  private static long number(Map<String, Object> recap, String key) {
    Object v = recap.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }

  private static Cli provision(Path dir, Path inventory, ConformanceCase c, String... mode) throws IOException {
    List<String> args = new ArrayList<>(List.of(c.playbook(dir).toString(), "-i", inventory.toString(),
        "--output", "json"));
    args.addAll(List.of(mode));
    args.addAll(c.extraArgs());
    return CliProcess.run(dir, c.env(dir), args);
  }

  private static List<Path> roots() {
    return LAB.lab().hosts().stream().map(LabHost::root).toList();
  }

  private static void clearHosts() throws IOException {
    for (Path root : roots()) {
      HostFiles.empty(root);
    }
  }
}
