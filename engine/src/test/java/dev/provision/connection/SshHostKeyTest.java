package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.process.Processes;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host key checking and login failures against real sshd hosts (SshLab on 127.0.42.x). */
class SshHostKeyTest {

  private static SshLab lab;
  private static LabHost host;
  private static LabHost other;
  private final ConnectionFactory factory = new DefaultConnectionFactory();

  @TempDir Path dir;

  @BeforeAll
  static void startLab() throws Exception {
    lab = SshLab.builder().hosts(2).baseAddress("127.0.42.1").start();
    host = lab.host(0);
    other = lab.host(1);
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  private static ConnectionSpec spec(Path knownHosts, boolean acceptNew) {
    ConnectionSpec s = LabSpecs.of(host);
    return new ConnectionSpec(s.host(), "ssh", s.address(), 22, "root", s.privateKey(), knownHosts, acceptNew,
        Duration.ofSeconds(5), null);
  }

  /** The fingerprint as OpenSSH's own ssh-keygen prints it. */
  private static String fingerprint(LabHost h) throws Exception {
    return Processes.run(List.of("ssh-keygen", "-l", "-f", h.hostKey() + ".pub")).split("\\s+")[1];
  }

  private static String keyLine(String address, LabHost keyOf) throws Exception {
    String[] key = keyOf.hostPublicKey().split("\\s+");
    return address + " " + key[0] + " " + key[1] + "\n";
  }

  @Test
  void unknownHostKeyIsRefusedWithItsFingerprintAndHowToAcceptIt() throws Exception {
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), keyLine("127.0.42.99", other));
    assertThatThrownBy(() -> factory.open(spec(knownHosts, false)))
        .isInstanceOfSatisfying(ConnectionException.class, e -> {
          assertThat(e.kind()).isEqualTo(ConnectionException.Kind.HOST_KEY);
          assertThat(e.hostUnreachable()).isTrue();
          assertThat(e.getMessage())
              .contains("not known")
              .contains(fingerprintUnchecked(host))
              .contains("--accept-new-host-keys")
              .contains("ssh-keyscan -t ed25519 127.0.42.1 >> " + knownHosts);
        });
    assertThat(Files.readString(knownHosts)).isEqualTo(keyLine("127.0.42.99", other));
  }

  @Test
  void changedHostKeyIsRefusedLoudlyEvenWithAcceptNew() throws Exception {
    String content = "# lab\n" + keyLine("127.0.42.1", other);
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), content);
    for (boolean acceptNew : new boolean[] {false, true}) {
      assertThatThrownBy(() -> factory.open(spec(knownHosts, acceptNew)))
          .isInstanceOfSatisfying(ConnectionException.class, e -> {
            assertThat(e.kind()).isEqualTo(ConnectionException.Kind.HOST_KEY);
            assertThat(e.getMessage())
                .contains("HAS CHANGED")
                .contains("man-in-the-middle")
                .contains(knownHosts + " line 2")
                .contains(fingerprintUnchecked(host))
                .contains("ssh-keygen -R 127.0.42.1");
          });
    }
    assertThat(Files.readString(knownHosts)).isEqualTo(content);
  }

  @Test
  void acceptNewAddsTheUnknownKeyThenStrictCheckingAcceptsIt() throws Exception {
    Path knownHosts = dir.resolve("fresh/known_hosts");
    try (Connection ssh = factory.open(spec(knownHosts, true))) {
      assertThat(ssh.run(Command.of("echo ok")).stdout()).isEqualTo("ok\n");
    }
    assertThat(Files.readString(knownHosts)).isEqualTo(keyLine("127.0.42.1", host));
    // OpenSSH's own tool finds the entry we wrote.
    assertThat(Processes.run(List.of("ssh-keygen", "-F", "127.0.42.1", "-f", knownHosts.toString())))
        .contains("127.0.42.1 ssh-ed25519");
    try (Connection ssh = factory.open(spec(knownHosts, false))) {
      assertThat(ssh.run(Command.of("echo again")).stdout()).isEqualTo("again\n");
    }
    assertThat(Files.readAllLines(knownHosts)).hasSize(1);
  }

  @Test
  void hashedKnownHostsFromSshKeygenAreAccepted() throws Exception {
    Path knownHosts = dir.resolve("known_hosts");
    Files.copy(lab.knownHosts(), knownHosts);
    Processes.run(List.of("ssh-keygen", "-H", "-f", knownHosts.toString()));
    assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.42.1");
    try (Connection ssh = factory.open(spec(knownHosts, false))) {
      assertThat(ssh.run(Command.of("echo hashed")).stdout()).isEqualTo("hashed\n");
    }
  }

  @Test
  void labKnownHostsAlsoSatisfiesOpenSshClient() throws Exception {
    long start = System.nanoTime();
    String out = Processes.run(List.of("ssh", "-i", lab.clientKey().toString(), "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + lab.knownHosts(), "-F", "/dev/null",
        "root@127.0.42.2", "echo openssh"));
    System.out.printf("MEASURED OpenSSH client, fresh `ssh host echo`: %.1f ms%n", (System.nanoTime() - start) / 1e6);
    assertThat(out).isEqualTo("openssh\n");
  }

  @Test
  void wrongClientKeyIsAnAuthenticationFailure() throws Exception {
    Path key = dir.resolve("stranger");
    Processes.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
    ConnectionSpec s = spec(lab.knownHosts(), false);
    ConnectionSpec wrong = new ConnectionSpec(s.host(), "ssh", s.address(), 22, "root", key, s.knownHosts(), false,
        s.connectTimeout(), null);
    assertThatThrownBy(() -> factory.open(wrong))
        .isInstanceOfSatisfying(ConnectionException.class, e -> {
          assertThat(e.kind()).isEqualTo(ConnectionException.Kind.AUTHENTICATION);
          assertThat(e.getMessage()).contains("root@127.0.42.1:22").contains(key.toString());
        });
  }

  @Test
  void missingKeyFileIsAnAuthenticationFailureNamingTheFile() {
    ConnectionSpec s = spec(lab.knownHosts(), false);
    Path missing = dir.resolve("no_such_key");
    ConnectionSpec spec = new ConnectionSpec(s.host(), "ssh", s.address(), 22, "root", missing, s.knownHosts(), false,
        s.connectTimeout(), null);
    assertThatThrownBy(() -> factory.open(spec))
        .isInstanceOfSatisfying(ConnectionException.class, e -> {
          assertThat(e.kind()).isEqualTo(ConnectionException.Kind.AUTHENTICATION);
          assertThat(e.getMessage()).contains(missing.toString());
        });
  }

  @Test
  void refusedConnectionIsUnreachable() {
    ConnectionSpec s = spec(lab.knownHosts(), false);
    ConnectionSpec nobody = new ConnectionSpec("ghost", "ssh", "127.0.42.250", 22, "root", s.privateKey(),
        s.knownHosts(), false, Duration.ofSeconds(2), null);
    long start = System.nanoTime();
    assertThatThrownBy(() -> factory.open(nobody))
        .isInstanceOfSatisfying(ConnectionException.class, e -> {
          assertThat(e.kind()).isEqualTo(ConnectionException.Kind.UNREACHABLE);
          assertThat(e.host()).isEqualTo("ghost");
          assertThat(e.getMessage()).contains("127.0.42.250:22").contains("refused");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  private static String fingerprintUnchecked(LabHost h) {
    try {
      return fingerprint(h);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
