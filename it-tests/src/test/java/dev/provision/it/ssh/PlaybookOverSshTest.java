package dev.provision.it.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLabFixture;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole CLI over real sshd hosts: the first plan predicts the changes (exit 2) and changes
 * nothing, the apply makes exactly those changes, then the second plan and the second apply
 * report no change. Bad input exits 1 before any host is touched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaybookOverSshTest {

  @RegisterExtension
  static final SshLabFixture LAB = SshLabFixture.of(3, "127.0.5.1");

  @TempDir static Path work;

  @BeforeAll
  static void groupVars() throws IOException {
    Files.createDirectories(LAB.inventory().resolveSibling("group_vars"));
    Files.writeString(LAB.inventory().resolveSibling("group_vars/all.yaml"), "app_port: 8080\n");
  }

  private static String playbook(String name) throws URISyntaxException {
    return Path.of(PlaybookOverSshTest.class.getResource("/ssh/" + name).toURI()).toString();
  }

  private static Cli provision(String playbook, String... more) {
    String[] base = {playbook, "-i", LAB.inventory().toString(), "--output", "json"};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return Cli.run(args);
  }

  @Test
  @Order(1)
  void firstPlanPredictsTheChangesAndChangesNothing() throws Exception {
    Cli plan = provision(playbook("app.yaml"), "--plan");

    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.withStatus("changed")).hasSize(3 * 6); // 5 tasks and the handler they notify
    assertThat(plan.result(LAB.lab().host(0).name(), "data directories").get("actions").toString())
        .contains("(logs) create directory", "(cache) create directory");
    assertThat(plan.withStatus("failed")).isEmpty();
    for (LabHost host : LAB.lab().hosts()) {
      assertThat(host.root().resolve("opt/app")).doesNotExist();
    }
  }

  @Test
  @Order(2)
  void applyMakesExactlyThePlannedChanges() throws Exception {
    Set<String> planned = provision(playbook("app.yaml"), "--plan").withStatus("changed");

    Cli apply = provision(playbook("app.yaml"));

    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    assertThat(apply.withStatus("changed")).isEqualTo(planned);
    for (LabHost host : LAB.lab().hosts()) {
      Path conf = host.root().resolve("opt/app/app.conf");
      assertThat(conf).hasContent("host=" + host.name() + "\nport=8080");
      assertThat(Files.readSymbolicLink(host.root().resolve("opt/app/current"))).isEqualTo(conf);
      assertThat(Files.getPosixFilePermissions(conf)).hasSize(3); // 0640: rw-r-----
      assertThat(Files.getPosixFilePermissions(host.root().resolve("opt/app/logs"))).hasSize(5); // 0750
      assertThat(Files.getPosixFilePermissions(host.root().resolve("opt/app/cache"))).hasSize(3); // 0700
      assertThat(host.root().resolve("opt/app/reloads")).hasContent("reloaded");
    }
    assertThat(apply.result(LAB.lab().host(0).name(), "data directories").get("message").toString())
        .startsWith("2 items: 2 changed");
    Map<String, Object> recap = apply.events().get(apply.events().size() - 1);
    assertThat(recap).containsEntry("type", "recap").containsEntry("exit_code", 0L);
  }

  @Test
  @Order(3)
  void secondPlanAndSecondApplyChangeNothing() throws Exception {
    Cli plan = provision(playbook("app.yaml"), "--plan");
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    assertThat(plan.withStatus("changed")).isEmpty();
    assertThat(plan.withStatus("deferred")).isEmpty();

    Cli apply = provision(playbook("app.yaml"));
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    assertThat(apply.withStatus("changed")).isEmpty();
    assertThat(apply.withStatus("skipped")).contains("reload app @ " + LAB.lab().host(0).name());
    for (LabHost host : LAB.lab().hosts()) {
      assertThat(host.root().resolve("opt/app/reloads")).hasContent("reloaded"); // not notified again
    }
    assertThat(apply.withStatus("ok")).contains("debug: {msg: \"{{ inventory_hostname }} serves on {{ served_port }}\"} @ "
        + LAB.lab().host(0).name());
  }

  @Test
  @Order(4)
  void textOutputEndsWithARecapPerHost() throws Exception {
    Cli text = Cli.run(playbook("app.yaml"), "-i", LAB.inventory().toString(), "--no-color");

    assertThat(text.exitCode()).isZero();
    assertThat(text.stdout()).contains("RECAP");
    for (LabHost host : LAB.lab().hosts()) {
      assertThat(text.stdout()).containsPattern(host.name() + "\\s+ok=\\d+\\s+changed=0\\s+failed=0");
    }
  }

  @Test
  @Order(5)
  void aBadPlaybookExitsOneWithLocationsAndTouchesNoHost() throws Exception {
    long loginsBefore = logins();

    Cli bad = provision(playbook("bad.yaml"));

    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.stdout()).isEmpty();
    assertThat(bad.stderr())
        .contains("bad.yaml:5:7: error: unknown module `commnd`")
        .contains("did you mean `command`?")
        .contains("bad.yaml:8:16: error:")
        .contains("^");
    for (LabHost host : LAB.lab().hosts()) {
      assertThat(host.root().resolve("must-not-exist")).doesNotExist();
    }
    assertThat(logins()).isEqualTo(loginsBefore);
  }

  private static long logins() throws IOException {
    long n = 0;
    for (LabHost host : LAB.lab().hosts()) {
      n += host.logText().lines().filter(l -> l.startsWith("Accepted publickey")).count();
    }
    return n;
  }
}
