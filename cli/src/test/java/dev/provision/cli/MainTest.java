package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CLI edge: exit codes, usage errors as one line, and the subcommands that touch no host. */
class MainTest {

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String resource(String name) throws URISyntaxException {
    return Path.of(MainTest.class.getResource("/cli/" + name).toURI()).toString();
  }

  @Test
  void versionAndHelpExitZero() {
    assertThat(run("--version").out()).startsWith("provision ");
    Result help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--plan", "--forks", "Exit codes:", "validate", "inventory", "graph");
  }

  @Test
  void anUnknownOptionIsOneClearErrorAndExitOneNotTwo() {
    Result r = run("site.yaml", "--fork", "3");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("provision: error: Unknown options: '--fork'", "Possible solutions: --forks").contains("--help");
  }

  @Test
  void aPlaybookWithoutInventoryHasOnlyTheImplicitLocalhostAsInAnsible(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.exists(Path.of("/etc/ansible/hosts"))
        || System.getenv("ANSIBLE_INVENTORY") != null, "this machine configures an Ansible inventory");
    Path playbook = dir.resolve("local.yaml");
    java.nio.file.Files.writeString(playbook, "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
        + "    - debug: msg=on-{{ inventory_hostname }}\n");
    Result r = run(playbook.toString(), "--no-color");
    assertThat(r.out()).contains("on-localhost");
    assertThat(r.err()).contains("warning: no inventory (-i PATH", "only the implicit localhost is available");
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void theInventoryAnsibleWouldReadIsTheDefault(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path home = dir.resolve("home");
    java.nio.file.Files.createDirectories(home);
    java.nio.file.Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\ninventory = inventory/home\n");
    assertThat(InventoryOption.configured(java.util.Map.of(), dir, home)).isEqualTo(dir.resolve("inventory/home"));
    assertThat(InventoryOption.configured(java.util.Map.of("ANSIBLE_INVENTORY", "/srv/hosts.ini"), dir, home))
        .isEqualTo(Path.of("/srv/hosts.ini"));
    java.nio.file.Files.writeString(home.resolve(".ansible.cfg"), "[defaults]\ninventory = ~/lab\n");
    assertThat(InventoryOption.configured(java.util.Map.of(), home, home)).isEqualTo(home.resolve("lab"));
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> InventoryOption.configured(
        java.util.Map.of("ANSIBLE_INVENTORY", "a,b"), dir, home))).hasMessageContaining("not supported yet");
  }

  @Test
  void validateChecksWithoutTouchingHosts() throws Exception {
    Result r = run("validate", resource("site.yaml"), "-i", resource("hosts.ini"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("valid (2 plays, 3 hosts");
  }

  @Test
  void anInventoryNamedLikeASubcommandIsAnInventoryPath() throws Exception {
    // Ansible repositories keep their inventory in `inventory/`: `-i inventory` names a path here
    Result r = run("validate", resource("site.yaml"), "-i", "inventory");
    assertThat(r.err()).doesNotContain("Expected parameter").contains("inventory").contains("not found");
    Result apply = run(resource("site.yaml"), "-i", "inventory", "--plan");
    assertThat(apply.err()).doesNotContain("Expected parameter").contains("not found");
  }

  @Test
  void aDuplicateKeyIsAWarningWithItsPlaceAndTheLastValueWinsAsInAnsible(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path playbook = dir.resolve("dup.yaml");
    java.nio.file.Files.writeString(playbook, "- hosts: all\n  gather_facts: false\n  vars:\n    v: first\n"
        + "    v: second\n  tasks:\n    - debug: msg={{ v }}\n      when: false\n      when: true\n");
    Result r = run(playbook.toString(), "-i", resource("hosts.ini"), "--no-color");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("dup.yaml:5:5: warning: duplicate key `v`: the last value is used, as Ansible does",
        "dup.yaml:9:7: warning: duplicate key `when`");
    assertThat(r.out()).contains("second").doesNotContain("first");
  }

  @Test
  void aMissingInventoryIsReportedWithItsPath() throws Exception {
    Result r = run("validate", resource("site.yaml"), "-i", "/nonexistent/inventory");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("/nonexistent/inventory").contains("not found");
  }

  @Test
  void graphDrawsEveryTaskHostNodeAndTheNeedsEdge() throws Exception {
    Result r = run("graph", resource("site.yaml"), "-i", resource("hosts.ini"), "--format", "mermaid");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("flowchart").contains("web1", "web2", "db1", "greet", "again");
  }

  @Test
  void inventoryListPrintsAnsibleInventoryJson() throws Exception {
    Result r = run("inventory", "-i", resource("hosts.ini"), "--list");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("\"_meta\"", "\"hostvars\"", "\"web1\"", "\"ungrouped\"");
  }

  @Test
  void runningLocallyPrintsARecapAndExitsZero() throws Exception {
    Result r = run(resource("site.yaml"), "-i", resource("hosts.ini"), "--no-color");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("hello web1", "RECAP").containsPattern("db1\\s+ok=2\\s+changed=0");
  }

  @Test
  void extraVarsWinAndReachTemplates() throws Exception {
    Result r = run(resource("site.yaml"), "-i", resource("hosts.ini"), "--no-color", "-e", "greeting=bonjour");
    assertThat(r.out()).contains("bonjour");
  }
}
