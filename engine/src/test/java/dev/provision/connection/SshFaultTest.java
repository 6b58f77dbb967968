package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLab;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hosts that die or freeze (SshLab on 127.0.43.x): sshd killed, sshd stopped with SIGSTOP. */
class SshFaultTest {

  private static SshLab lab;
  private final ConnectionFactory factory = new DefaultConnectionFactory();

  @BeforeAll
  static void startLab() throws Exception {
    lab = SshLab.builder().hosts(3).baseAddress("127.0.43.1").start();
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void sshdKilledMidCommandIsABrokenConnectionAndTheNextCommandReconnects() throws Exception {
    LabHost host = lab.host(0);
    try (Connection ssh = factory.open(LabSpecs.of(host))) {
      CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> {
        try {
          return ssh.run(Command.of("echo started; sleep 20"));
        } catch (ConnectionException e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });
      Thread.sleep(1000);
      long killedAt = System.nanoTime();
      host.kill();
      assertThatThrownBy(() -> running.get(15, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(ConnectionException.class, e -> {
            assertThat(e.kind()).isEqualTo(ConnectionException.Kind.BROKEN);
            assertThat(e.hostUnreachable()).isFalse();
            assertThat(e.getMessage()).contains("connection lost while the command ran");
          });
      assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(5));

      assertThatThrownBy(() -> ssh.run(Command.of("true")))
          .isInstanceOfSatisfying(ConnectionException.class,
              e -> assertThat(e.kind()).isEqualTo(ConnectionException.Kind.UNREACHABLE));

      host.restart();
      assertThat(ssh.run(Command.of("echo back")).stdout()).isEqualTo("back\n");
    }
  }

  @Test
  void frozenHostTimesOutTheCommandAndRecoversAfterResume() throws Exception {
    LabHost host = lab.host(1);
    try (Connection ssh = factory.open(LabSpecs.of(host))) {
      assertThat(ssh.run(Command.of("true")).succeeded()).isTrue();
      host.pause();
      long start = System.nanoTime();
      try {
        assertThatThrownBy(() -> ssh.run(Command.of("echo hi").withTimeout(Duration.ofSeconds(1))))
            .isInstanceOfSatisfying(ConnectionException.class, e -> {
              assertThat(e.kind()).isEqualTo(ConnectionException.Kind.TIMEOUT);
              assertThat(e.getMessage()).contains("timed out after 1s");
            });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
      } finally {
        host.resume();
      }
      assertThat(ssh.run(Command.of("echo awake")).stdout()).isEqualTo("awake\n");
    }
  }

  @Test
  void frozenHostAtConnectIsUnreachableWithinTheConnectTimeout() throws Exception {
    LabHost host = lab.host(2);
    ConnectionSpec s = LabSpecs.of(host);
    ConnectionSpec quick = new ConnectionSpec(s.host(), "ssh", s.address(), 22, s.user(), s.privateKey(),
        s.knownHosts(), false, Duration.ofSeconds(1), null);
    host.pause();
    long start = System.nanoTime();
    try {
      assertThatThrownBy(() -> factory.open(quick))
          .isInstanceOfSatisfying(ConnectionException.class, e -> {
            assertThat(e.kind()).isEqualTo(ConnectionException.Kind.UNREACHABLE);
            assertThat(e.getMessage()).contains(host.address());
          });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    } finally {
      host.resume();
    }
    try (Connection ssh = factory.open(quick)) {
      assertThat(ssh.run(Command.of("echo ok")).stdout()).isEqualTo("ok\n");
    }
  }
}
