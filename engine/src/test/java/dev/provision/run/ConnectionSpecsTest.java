package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.ConnectionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionSpecsTest {

  private final ConnectionSpecs specs = new ConnectionSpecs(true, Duration.ofSeconds(3), null);

  @Test
  void mapsAnsibleConnectionVariables() {
    ConnectionSpec s = specs.forHost("web1", Map.of("ansible_host", "127.0.2.5", "ansible_port", "2222",
        "ansible_user", "deploy", "ansible_ssh_private_key_file", "~/.ssh/lab", "ansible_ssh_known_hosts_file",
        "/tmp/kh"));
    assertThat(s.host()).isEqualTo("web1");
    assertThat(s.type()).isEqualTo("ssh");
    assertThat(s.address()).isEqualTo("127.0.2.5");
    assertThat(s.port()).isEqualTo(2222);
    assertThat(s.user()).isEqualTo("deploy");
    assertThat(s.privateKey()).isEqualTo(Path.of(System.getProperty("user.home"), ".ssh/lab"));
    assertThat(s.knownHosts()).isEqualTo(Path.of("/tmp/kh"));
    assertThat(s.acceptNewHostKeys()).isTrue();
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void defaultsAreAnsibles() {
    ConnectionSpec s = specs.forHost("db1", Map.of());
    assertThat(s.address()).isEqualTo("db1");
    assertThat(s.port()).isEqualTo(22);
    assertThat(s.user()).isEqualTo(System.getProperty("user.name"));
    assertThat(s.isLocal()).isFalse();
    assertThat(specs.forHost("localhost", Map.of()).isLocal()).isTrue();
    assertThat(specs.forHost("x", Map.of("ansible_connection", "local")).isLocal()).isTrue();
    assertThat(specs.forHost("x", Map.of("ansible_known_hosts_file", "/k")).knownHosts()).isEqualTo(Path.of("/k"));
  }

  @Test
  void badValuesAreClearErrors() {
    assertThatThrownBy(() -> specs.forHost("x", Map.of("ansible_port", "ssh"))).hasMessageContaining("ansible_port `ssh`");
    assertThatThrownBy(() -> specs.forHost("x", Map.of("ansible_connection", "winrm")))
        .hasMessageContaining("winrm").hasMessageContaining("ssh or local");
  }

  @Test
  void thePlaybooksKeywordsApplyWhereTheHostsVariablesAreNotSet() {
    dev.provision.playbook.Reach reach = new dev.provision.playbook.Reach("paramiko", "deploy", "2222");
    ConnectionSpec s = specs.forHost("web1", Map.of("ansible_user", "inv"), reach);
    assertThat(List.of(s.type(), s.user(), s.port())).containsExactly("ssh", "inv", 2222);
    assertThat(specs.forHost("localhost", Map.of(), new dev.provision.playbook.Reach("ssh", null, null)).isLocal())
        .as("`connection: ssh` reaches even localhost over ssh").isFalse();
    assertThat(specs.forHost("x", Map.of("ansible_connection", "ssh"), new dev.provision.playbook.Reach("local", null,
        null)).isLocal()).as("ansible_connection wins over the keyword").isFalse();
    assertThatThrownBy(() -> specs.forHost("x", Map.of(), new dev.provision.playbook.Reach("docker", null, null)))
        .hasMessageContaining("`connection: docker` is not supported yet");
    assertThatThrownBy(() -> specs.forHost("x", Map.of(), new dev.provision.playbook.Reach(null, null, "http")))
        .hasMessageContaining("port `http` is not a port number");
  }

  @Test
  void theCommandLinesDefaultsComeLastAfterVariablesAndKeywords() {
    ConnectionSpecs cli = new ConnectionSpecs(false, java.time.Duration.ofSeconds(3), null,
        new ConnectionSpecs.Defaults("cliuser", java.nio.file.Path.of("/keys/cli"), "local"));
    ConnectionSpec bare = cli.forHost("web1", Map.of());
    assertThat(List.of(bare.user(), String.valueOf(bare.privateKey()), bare.type()))
        .containsExactly("cliuser", "/keys/cli", "local");
    ConnectionSpec set = cli.forHost("web1", Map.of("ansible_user", "inv", "ansible_ssh_private_key_file", "/keys/inv",
        "ansible_connection", "ssh"));
    assertThat(List.of(set.user(), String.valueOf(set.privateKey()), set.type())).containsExactly("inv", "/keys/inv", "ssh");
    ConnectionSpec keyword = cli.forHost("web1", Map.of(), new dev.provision.playbook.Reach("ssh", "kw", null));
    assertThat(List.of(keyword.user(), keyword.type())).containsExactly("kw", "ssh");
  }

  @Test
  void aConnectionTypeFromTheCommandLineIsCheckedWhenTheDefaultsAreMade() {
    assertThatThrownBy(() -> new ConnectionSpecs.Defaults(null, null, "winrm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-c winrm is not supported yet: use ssh or local");
    assertThat(new ConnectionSpecs.Defaults(null, null, "ansible.builtin.ssh").connection()).isEqualTo("ansible.builtin.ssh");
  }

  @Test
  void anySshSaysWhetherAHostIsReachedOverSsh() {
    var local = new dev.provision.inventory.Host("localhost", Map.of(), List.of());
    var localVar = new dev.provision.inventory.Host("box", Map.of("ansible_connection", "local"), List.of());
    var ssh = new dev.provision.inventory.Host("web1", Map.of(), List.of());
    var badPort = new dev.provision.inventory.Host("web2", Map.of("ansible_connection", "local", "ansible_port", "x"),
        List.of());
    assertThat(specs.anySsh(List.of(local, localVar))).isFalse();
    assertThat(specs.anySsh(List.of(local, ssh))).isTrue();
    assertThat(specs.anySsh(List.of(badPort))).isTrue();
    ConnectionSpecs allLocal = new ConnectionSpecs(false, Duration.ofSeconds(3), null,
        new ConnectionSpecs.Defaults(null, null, "local"));
    assertThat(allLocal.anySsh(List.of(ssh))).isFalse();
  }
}
