package dev.provision.modules.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Connection;
import dev.provision.connection.DefaultConnectionFactory;
import dev.provision.connection.LabSpecs;
import dev.provision.lab.ssh.SshLab;
import dev.provision.module.ModuleException;
import dev.provision.module.testing.ModuleRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code wait_for_connection} over a real ssh connection (SshLab on 127.0.54.41): a host that answers
 * is ok at once, and one whose sshd is gone times out after retrying, with the connection's error.
 */
class WaitForConnectionSshTest {

  @Test
  void aReachableHostIsOkAndAGoneOneTimesOut() throws Exception {
    SshLab lab = SshLab.builder().hosts(1).baseAddress("127.0.54.41").start();
    Connection ssh;
    try {
      ssh = new DefaultConnectionFactory().open(LabSpecs.of(lab.host(0)));
      ModuleRun run = new ModuleRun(new WaitForConnectionModule(), ssh, Map.of()).on(lab.host(0).name());
      ModuleRun.Outcome ok = run.apply(Map.of("timeout", 10));
      assertThat(ok.changed()).isFalse();
      assertThat(ok.data()).containsEntry("elapsed", 0L);
      assertThat(ok.plan().message()).isEqualTo("connected after 0s (1 try)");
    } finally {
      lab.close();
    }
    ModuleRun gone = new ModuleRun(new WaitForConnectionModule(), ssh, Map.of()).on("host1");
    long start = System.nanoTime();
    assertThatThrownBy(() -> gone.apply(Map.of("timeout", 3, "sleep", 1, "connect_timeout", 2)))
        .isInstanceOf(ModuleException.class).hasMessageStartingWith("timed out waiting for ping module test: ");
    assertThat((System.nanoTime() - start) / 1_000_000_000.0).as("it retried until the timeout").isBetween(1.5, 12.0);
    ssh.close();
  }
}
