package dev.provision.modules.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.ModuleException;
import dev.provision.module.testing.ModuleRun;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code wait_for} over a real ssh connection (SshLab on 127.0.45.21): the checks run on the host,
 * against real listening sockets and real files made while it waits; plan and apply wait alike and
 * change nothing.
 */
class WaitForSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.45.21");
  private static LabHost host;
  private Connection ssh;
  private Path dir;

  @BeforeAll
  static void startLab() throws Exception {
    host = LAB.host();
  }

  @BeforeEach
  void connect() throws Exception {
    ssh = LAB.connection();
    dir = Files.createTempDirectory(host.root(), "wait_for");
  }

  private ModuleRun waitFor() {
    return new ModuleRun(new WaitForModule(), ssh, Map.of()).on(host.name());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Test
  void aPortOpenedWhileWaitingIsFoundAndAClosedOneIsStopped() throws Exception {
    int port = freePort();
    CompletableFuture<ServerSocket> opened = CompletableFuture.supplyAsync(() -> {
      try {
        Thread.sleep(1500);
        return new ServerSocket(port, 5, InetAddress.getByName("127.0.0.1"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Map<String, Object> args = Map.of("port", port, "timeout", 20);
    ModuleRun.Outcome planned = waitFor().plan(args);
    assertThat(planned.changed()).isFalse();
    assertThat(planned.message()).startsWith("127.0.0.1:" + port + " is open (after ");
    assertThat((Long) planned.data().get("elapsed")).isBetween(1L, 10L);
    try (ServerSocket server = opened.get(10, TimeUnit.SECONDS)) {
      ModuleRun.Outcome applied = waitFor().apply(args);
      assertThat(applied.changed()).isFalse();
      assertThat(applied.data()).containsEntry("elapsed", 0L).containsEntry("port", (long) port);
      assertThatThrownBy(() -> waitFor().apply(Map.of("port", port, "state", "stopped", "timeout", 2)))
          .isInstanceOf(ModuleException.class)
          .hasMessage("Timeout when waiting for 127.0.0.1:" + port + " to stop");
    }
    assertThat(waitFor().apply(Map.of("port", port, "state", "stopped", "timeout", 5)).message())
        .isEqualTo("127.0.0.1:" + port + " is closed (after 0s)");
  }

  @Test
  void searchRegexReadsWhatThePortSends() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Thread banner = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
            out.write("SSH-2.0-Lab_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
          } catch (Exception e) {
            return;
          }
        }
      });
      banner.setDaemon(true);
      banner.start();
      ModuleRun.Outcome outcome = waitFor().apply(Map.of("port", server.getLocalPort(), "search_regex",
          "SSH-2\\.0-(\\S+)", "connect_timeout", 2, "timeout", 10));
      assertThat(outcome.data()).containsEntry("match_groups", List.of("Lab_9.2"));
    }
  }

  @Test
  void aFileAndItsTextWrittenWhileWaitingAreFound() throws Exception {
    Path log = dir.resolve("app $(touch PWNED).log");
    CompletableFuture.runAsync(() -> {
      try {
        Thread.sleep(1200);
        Files.writeString(log, "starting\n");
        Thread.sleep(1200);
        Files.writeString(log, "starting\nready on 8080\n");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    ModuleRun.Outcome found = waitFor().plan(Map.of("path", log.toString(), "search_regex",
        "^ready on (?P<port>\\d+)$", "timeout", 20));
    assertThat(found.data()).containsEntry("match_groups", List.of("8080"))
        .containsEntry("match_groupdict", Map.of("port", "8080"));
    assertThat((Long) found.data().get("elapsed")).isGreaterThanOrEqualTo(2L);
    Files.delete(log);
    assertThat(waitFor().apply(Map.of("path", log.toString(), "state", "absent")).changed()).isFalse();
    for (Path place : List.of(dir, host.home(), host.root(), Path.of("/"))) {
      assertThat(place.resolve("PWNED")).doesNotExist();
    }
  }

  @Test
  void aTimeoutFailsWithTheMessageAfterAboutThatLong() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> waitFor().apply(Map.of("path", dir.resolve("never").toString(), "timeout", 2,
        "msg", "never came")))
        .isInstanceOf(ModuleException.class).hasMessage("never came");
    assertThat((System.nanoTime() - started) / 1_000_000).isBetween(2000L, 8000L);
  }
}
