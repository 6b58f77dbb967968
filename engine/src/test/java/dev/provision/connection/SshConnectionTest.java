package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.LabUsers;
import dev.provision.lab.ssh.SshLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Commands over real sshd hosts (SshLab on 127.0.41.x). */
class SshConnectionTest {

  private static SshLab lab;
  private static LabHost host;
  private final ConnectionFactory factory = new DefaultConnectionFactory();

  @BeforeAll
  static void startLab() throws Exception {
    lab = SshLab.builder().hosts(1).baseAddress("127.0.41.1").start();
    host = lab.host(0);
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void runsCommandsWithExitCodeAndSeparateStreams() throws Exception {
    try (Connection ssh = factory.open(LabSpecs.of(host))) {
      CommandResult result = ssh.run(Command.of("echo out; echo err >&2; exit 3"));
      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.stdout()).isEqualTo("out\n");
      assertThat(result.stderr()).isEqualTo("err\n");
      assertThat(ssh.target()).isEqualTo("root@127.0.41.1:22");
      assertThat(ssh.run(Command.of("true")).succeeded()).isTrue();
    }
  }

  @Test
  void outputLongerThanTheLimitKeepsItsTailOnBothStreamsAndCountsTheRest() throws Exception {
    long bytes = OutputTail.limit() + 5_000_000L;
    try (Connection ssh = factory.open(LabSpecs.of(host))) {
      CommandResult r = ssh.run(Command.of("head -c " + bytes + " /dev/zero | tr '\\0' o; echo OUT;"
          + " head -c " + bytes + " /dev/zero | tr '\\0' e >&2; echo ERR >&2"));
      assertThat(r.exitCode()).isZero();
      assertThat(r.stdout()).hasSize(OutputTail.limit()).endsWith("oooOUT\n");
      assertThat(r.stderr()).hasSize(OutputTail.limit()).endsWith("eeeERR\n");
      assertThat(r.stdoutDropped()).isEqualTo(bytes + 4 - OutputTail.limit());
      assertThat(r.stderrDropped()).isEqualTo(bytes + 4 - OutputTail.limit());
    }
  }

  @Test
  void runsWithTheLabHomeSoRootsBashrcIsNotRead() throws Exception {
    try (Connection ssh = factory.open(LabSpecs.of(host))) {
      assertThat(ssh.run(Command.of("printf %s \"$HOME\"")).stdout()).isEqualTo(host.home().toString());
    }
  }

  @Test
  void uploadsStdinBytesUnchanged() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(42).nextBytes(data);
    Path file = host.root().resolve("upload.bin");
    try (Connection ssh = factory.open(LabSpecs.of(host))) {
      CommandResult result = ssh.run(Command.of("cat > " + Shell.quote(file.toString()) + " && wc -c < " + Shell.quote(file.toString()))
          .withStdin(data));
      assertThat(result.stdout().strip()).isEqualTo(String.valueOf(data.length));
    }
    assertThat(Arrays.equals(Files.readAllBytes(file), data)).as("uploaded bytes are identical").isTrue();
  }

  @Test
  void largeOutputOnBothStreamsDoesNotDeadlock() throws Exception {
    try (Connection ssh = factory.open(LabSpecs.of(host))) {
      CommandResult result = ssh.run(Command.of("head -c 3000000 /dev/zero | tr '\\0' x; head -c 3000000 /dev/zero | tr '\\0' y >&2")
          .withTimeout(Duration.ofSeconds(30)));
      assertThat(result.stdout()).hasSize(3_000_000);
      assertThat(result.stderr()).hasSize(3_000_000);
    }
  }

  @Test
  void appliesEnvAndChdir() throws Exception {
    try (Connection ssh = factory.open(LabSpecs.of(host))) {
      CommandResult result = ssh.run(Command.of("printf '%s|%s' \"$GREETING\" \"$(pwd)\"")
          .withEnv(Map.of("GREETING", "it's $(id)"))
          .withChdir(host.root().toString()));
      assertThat(result.stdout()).isEqualTo("it's $(id)|" + host.root());
    }
  }

  @Test
  void commandKilledBySignalReports128PlusSignal() throws Exception {
    try (Connection ssh = factory.open(LabSpecs.of(host))) {
      assertThat(ssh.run(Command.of("kill -TERM $$")).exitCode()).isEqualTo(143);
    }
  }

  @Test
  void manyCommandsReuseOneConnection() throws Exception {
    int loginsBefore = logins();
    List<Long> micros = new ArrayList<>();
    try (Connection ssh = factory.open(LabSpecs.of(host))) {
      for (int i = 0; i < 60; i++) {
        long start = System.nanoTime();
        CommandResult result = ssh.run(Command.of("echo " + i));
        micros.add((System.nanoTime() - start) / 1000);
        assertThat(result.stdout()).isEqualTo(i + "\n");
      }
    }
    assertThat(logins() - loginsBefore).as("logins for 60 commands").isEqualTo(1);
    List<Long> warm = new ArrayList<>(micros.subList(10, micros.size()));
    warm.sort(null);
    System.out.printf("MEASURED per-command latency over an open connection: median %.1f ms, p90 %.1f ms (n=%d)%n",
        warm.get(warm.size() / 2) / 1000.0, warm.get(warm.size() * 9 / 10) / 1000.0, warm.size());
  }

  @Test
  void setupTimeForFreshConnectionsIsMeasured() throws Exception {
    try (Connection warmUp = factory.open(LabSpecs.of(host))) {
      warmUp.run(Command.of("true"));
    }
    List<Long> connect = new ArrayList<>();
    List<Long> total = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      long start = System.nanoTime();
      try (Connection ssh = factory.open(LabSpecs.of(host))) {
        connect.add((System.nanoTime() - start) / 1000);
        assertThat(ssh.run(Command.of("true")).succeeded()).isTrue();
        total.add((System.nanoTime() - start) / 1000);
      }
    }
    connect.sort(null);
    total.sort(null);
    System.out.printf("MEASURED fresh connection: connect+auth median %.1f ms; connect+auth+first command median %.1f ms"
        + " (min %.1f, max %.1f, n=%d)%n", connect.get(4) / 1000.0, total.get(4) / 1000.0, total.get(0) / 1000.0,
        total.get(8) / 1000.0, total.size());
    assertThat(total.get(4)).as("median setup time in µs").isLessThan(2_000_000);
  }

  @Test
  void timeoutKillsTheRemoteCommandTreeAndKeepsTheConnectionUsable() throws Exception {
    Path marker = host.root().resolve("survivor");
    try (Connection ssh = factory.open(LabSpecs.of(host))) {
      long start = System.nanoTime();
      Command slow = Command.of("(sleep 2; touch " + Shell.quote(marker.toString()) + ") & sleep 30.5")
          .withTimeout(Duration.ofMillis(700));
      assertThatThrownBy(() -> ssh.run(slow))
          .isInstanceOfSatisfying(ConnectionException.class, e -> {
            assertThat(e.kind()).isEqualTo(ConnectionException.Kind.TIMEOUT);
            assertThat(e.getMessage()).contains("timed out after 700ms").contains("killed");
          });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(ssh.run(Command.of("echo still here")).stdout()).isEqualTo("still here\n");
      Thread.sleep(2500);
      assertThat(marker).doesNotExist();
      assertThat(ssh.run(Command.of("pgrep -fx 'sleep 30.5' || true")).stdout()).isEmpty();
    }
  }

  @Test
  void becomeRunsAsRootThroughPasswordlessSudo() throws Exception {
    LabUsers.ensure("provlab", null, LabUsers.Sudo.NOPASSWD);
    try (Connection ssh = factory.open(LabSpecs.of(host, "provlab"))) {
      assertThat(ssh.run(Command.of("id -un")).stdout()).isEqualTo("provlab\n");
      CommandResult root = ssh.run(Command.of("id -u; cat").withBecome(true).withStdin("payload".getBytes()));
      assertThat(root.stdout()).isEqualTo("0\npayload");
      assertThat(ssh.run(Command.of("pwd").withBecome(true).withChdir("/root")).stdout()).isEqualTo("/root\n");
    }
  }

  @Test
  void sudoPasswordGoesOverStdinAndNeverIntoArgvOrOutput() throws Exception {
    String password = "pw-" + Long.toHexString(new Random().nextLong());
    LabUsers.ensure("provlabpw", password, LabUsers.Sudo.PASSWORD);
    ConnectionSpec base = LabSpecs.of(host, "provlabpw");
    ConnectionSpec withPassword = new ConnectionSpec(base.host(), base.type(), base.address(), base.port(), base.user(),
        base.privateKey(), base.knownHosts(), false, base.connectTimeout(), password::toCharArray);
    try (Connection ssh = factory.open(withPassword)) {
      CommandResult result = ssh.run(Command.of("id -u; cat; ps -eo args").withBecome(true).withStdin("payload\n".getBytes()));
      assertThat(result.exitCode()).isZero();
      assertThat(result.stdout()).startsWith("0\npayload\n");
      assertThat(result.stdout() + result.stderr()).doesNotContain(password);
      assertThat(ssh.run(Command.of("id -un").withBecome(true)).stdout()).isEqualTo("root\n");
    }
    assertThat(host.logText()).doesNotContain(password);
    try (Connection ssh = factory.open(base)) {
      // sudo's own refusal is no exit code of the command: it is a BECOME failure, said in words
      assertThatThrownBy(() -> ssh.run(Command.of("id -u").withBecome(true)))
          .isInstanceOfSatisfying(ConnectionException.class,
              e -> assertThat(e.kind()).isEqualTo(ConnectionException.Kind.BECOME))
          .hasMessageContaining("sudo needs a password and none was given");
    }
  }

  @Test
  void becomeUserRunsAsThatUserBySudoOrSuFromRootAndBySuWithItsPasswordOnStdinOnly() throws Exception {
    String password = "pw-" + Long.toHexString(new Random().nextLong());
    LabUsers.ensure("provlabapp", password, LabUsers.Sudo.NONE);
    LabUsers.ensure("provlab", null, LabUsers.Sudo.NOPASSWD);
    Command id = Command.of("id -un; cat").withBecome(true).withStdin("payload".getBytes());
    try (Connection ssh = factory.open(LabSpecs.of(host))) { // root: sudo and su ask no password
      assertThat(ssh.run(id.withBecomeAs(new Become("provlabapp", "sudo", "-H", null, null))).stdout())
          .isEqualTo("provlabapp\npayload");
      assertThat(ssh.run(id.withBecomeAs(new Become("provlabapp", "su", null, "/usr/bin/su", null))).stdout())
          .isEqualTo("provlabapp\npayload");
      assertThat(ssh.run(id.withBecomeAs(new Become("root", "su", null, null, null))).stdout())
          .as("root becoming root switches nothing").isEqualTo("root\npayload");
    }
    try (Connection ssh = factory.open(LabSpecs.of(host, "provlab"))) {
      assertThat(ssh.run(id.withBecomeAs(new Become("provlabapp", "sudo", null, null, null))).stdout())
          .as("passwordless sudo to another user").isEqualTo("provlabapp\npayload");
      CommandResult su = ssh.run(Command.of("id -un; cat; ps -eo args").withBecome(true).withStdin("in\n".getBytes())
          .withBecomeAs(new Become("provlabapp", "su", null, null, password::toCharArray)));
      assertThat(su.exitCode()).isZero();
      assertThat(su.stdout()).startsWith("provlabapp\nin\n").doesNotContain(password);
      assertThat(su.stderr()).as("su's prompt is taken off").doesNotContain("Password:").doesNotContain(password);
      assertThatThrownBy(() -> ssh.run(id.withBecomeAs(new Become("provlabapp", "su", null, null, "wrong"::toCharArray))))
          .isInstanceOfSatisfying(ConnectionException.class,
              e -> assertThat(e.kind()).isEqualTo(ConnectionException.Kind.BECOME))
          .hasMessageContaining("su refused the password");
      assertThatThrownBy(() -> ssh.run(id.withBecomeAs(new Become("provlabapp", "su", null, null, null))))
          .isInstanceOf(ConnectionException.class).hasMessageContaining("needs the password of provlabapp");
    }
    assertThat(host.logText()).doesNotContain(password);
  }

  private static int logins() {
    return (int) host.logText().lines().filter(l -> l.contains("Accepted publickey")).count();
  }
}
