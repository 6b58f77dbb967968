package dev.provision.lab.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.provision.lab.gate.RealParts;
import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one sshd fixture, checked with the real OpenSSH client: test hosts (children of this JVM) and the lab's
 * detached hosts, each with its own key, its own environment and only key login. Addresses 127.0.46.x.
 */
class SshLabTest {

  @Test
  void testHostsAcceptTheClientKeyWithPinnedHostKeysAndGiveEachSessionItsOwnHomeAndRoot() throws Exception {
    try (SshLab lab = SshLab.builder().hosts(2).baseAddress("127.0.46.1").start()) {
      assertThat(lab.hosts()).extracting(LabHost::name, LabHost::address)
          .containsExactly(tuple("host1", "127.0.46.1"), tuple("host2", "127.0.46.2"));
      LabHost host = lab.host(1);

      String env = ssh(lab, host, "printf '%s|%s|%s' \"$HOME\" \"$LAB_ROOT\" \"$LAB_HOST\"");

      assertThat(env).isEqualTo(host.home() + "|" + host.root() + "|host2");
      assertThat(Files.readString(lab.knownHosts())).contains("127.0.46.1 ssh-ed25519 ", "127.0.46.2 ssh-ed25519 ");
      assertThat(host.logText()).contains("Accepted publickey for root");

      host.kill();
      assertThat(host.answers()).isFalse();
      host.restart();
      assertThat(ssh(lab, host, "echo back")).isEqualTo("back\n");
    }
  }

  @Test
  void closingStopsTheHostsAndRemovesTheirTemporaryFolder() throws Exception {
    SshLab lab = SshLab.builder().hosts(1).baseAddress("127.0.46.5").start();
    Path dir = lab.dir();
    long pid = lab.host(0).pid();
    assertThat(pid).isPositive();

    lab.close();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(lab.host(0).answers()).isFalse();
    assertThat(dir).doesNotExist();
  }

  @Test
  void detachedHostsOutliveTheirStarterAreFoundAgainByPidAndStopOnlyWhenAsked(@TempDir Path dir) throws Exception {
    RealParts.requireRoot("sshd on port 22");
    SshLab.Builder builder = SshLab.builder().dir(dir).sysroot().hostBinFirstOnPath().host("lone", "127.0.46.9");
    SshLab lab = builder.build();
    lab.prepare();
    LabHost host = lab.host(0);
    try {
      assertThat(host.startDetached()).as("started").isTrue();
      String key = Files.readString(lab.clientKey());

      // a second view of the same folder (a later `lab status`, `lab up`) finds it by its PID file
      SshLab again = builder.build();
      again.prepare();
      LabHost same = again.host(0);
      assertThat(same.startDetached()).as("already running").isFalse();
      assertThat(same.pid()).isEqualTo(host.pid());
      assertThat(Files.readString(again.clientKey())).as("keys are kept").isEqualTo(key);
      assertThat(same.root()).isEqualTo(dir.resolve("hosts/lone/sysroot"));
      assertThat(same.home()).isEqualTo(dir.resolve("hosts/lone/sysroot/root"));
      assertThat(ssh(again, same, "printf %s \"$PATH\"")).startsWith(dir.resolve("hosts/lone/bin") + ":");

      assertThat(same.stop()).isTrue();
      assertThat(same.pid()).isEqualTo(-1);
      assertThat(same.answers()).isFalse();
      assertThat(same.stop()).as("nothing left to stop").isFalse();
    } finally {
      host.stop();
    }
  }

  @Test
  void anAddressHeldByAnotherProcessIsNeverTakenOver(@TempDir Path dir) throws Exception {
    RealParts.requireRoot("sshd on port 22");
    try (SshLab other = SshLab.builder().hosts(1).baseAddress("127.0.46.12").start()) {
      SshLab lab = SshLab.builder().dir(dir).host("intruder", "127.0.46.12").build();
      lab.prepare();

      assertThatThrownBy(() -> lab.host(0).startDetached()).isInstanceOf(LabException.class)
          .hasMessageContaining("127.0.46.12:22 is in use by a process this lab did not start");
      assertThat(other.host(0).answers()).isTrue();
    }
  }

  @Test
  void hostsLiveOnLoopbackOnly() {
    assertThatThrownBy(() -> SshLab.builder().baseAddress("10.0.0.1"))
        .hasMessageContaining("loopback only (127.0.0.0/8), not 10.0.0.1");
    assertThatThrownBy(() -> SshLab.builder().host("x", "192.168.1.5"))
        .hasMessageContaining("loopback only");
  }

  private static String ssh(SshLab lab, LabHost host, String command) throws LabException {
    RealParts.requirePrograms("openssh-client", "ssh");
    return Processes.run(List.of("ssh", "-i", lab.clientKey().toString(), "-o", "BatchMode=yes",
        "-o", "UserKnownHostsFile=" + lab.knownHosts(), "-o", "StrictHostKeyChecking=yes",
        "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=5", "root@" + host.address(), command));
  }
}
