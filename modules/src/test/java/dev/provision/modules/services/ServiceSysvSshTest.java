package dev.provision.modules.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.gate.RealParts;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.ModuleException;
import dev.provision.module.testing.ModuleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code service} over a real ssh connection (SshLab on 127.0.45.51) against a real SysV init script
 * run by Debian's {@code service} and {@code start-stop-daemon}, enabled with {@code update-rc.d}:
 * this machine runs no systemd, so that is the manager Ansible's service module would use here too.
 * systemd itself (systemctl) is NOT exercised here: only its commands in the fixtures.
 * The lab host shares the machine, so the script has a unique name and is removed afterwards.
 */
class ServiceSysvSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.45.51");
  private static LabHost host;
  private Connection ssh;
  private String name;
  private Path script;
  private Path pidFile;

  @BeforeAll
  static void startLab() throws Exception {
    RealParts.requirePrograms("init-system-helpers", "service", "start-stop-daemon", "update-rc.d");
    RealParts.require(!Files.isDirectory(Path.of("/run/systemd/system")),
        "this test drives SysV init scripts; systemd is running here");
    host = LAB.host();
  }

  @BeforeEach
  void installScript() throws Exception {
    ssh = LAB.connection();
    name = "provision-test-" + UUID.randomUUID().toString().substring(0, 8);
    pidFile = Path.of("/run/" + name + ".pid");
    script = Path.of("/etc/init.d/" + name);
    Files.writeString(script, """
        #!/bin/sh
        ### BEGIN INIT INFO
        # Provides:          NAME
        # Required-Start:
        # Required-Stop:
        # Default-Start:     2 3 4 5
        # Default-Stop:      0 1 6
        # Short-Description: Provision test service
        ### END INIT INFO
        PID=/run/NAME.pid
        case "$1" in
          start) start-stop-daemon --start --quiet --background --make-pidfile --pidfile $PID --exec /bin/sleep -- 100000 ;;
          stop) start-stop-daemon --stop --quiet --oknodo --retry 5 --remove-pidfile --pidfile $PID ;;
          restart|reload|force-reload) "$0" stop; "$0" start ;;
          status) start-stop-daemon --status --pidfile $PID ;;
          *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
        esac
        """.replace("NAME", name));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void removeScript() throws Exception {
    try {
      new ProcessBuilder("sh", "-c", "service " + name + " stop; update-rc.d -f " + name + " remove").inheritIO()
          .start().waitFor();
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private ModuleRun service() {
    return new ModuleRun(new ServiceModule(), ssh, Map.of()).on(host.name());
  }

  private boolean running() throws Exception {
    if (!Files.exists(pidFile)) {
      return false;
    }
    return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void startedIsPlannedThenAppliedOnceAndStoppedUndoesIt() throws Exception {
    Map<String, Object> started = Map.of("name", name, "state", "started");
    ModuleRun.Outcome planned = service().plan(started);
    assertThat(planned.message()).isEqualTo("would start " + name);
    assertThat(running()).as("a plan starts nothing").isFalse();
    assertThat(service().apply(started).message()).isEqualTo("start " + name);
    assertThat(running()).isTrue();
    assertThat(service().apply(started).changed()).isFalse();
    assertThat(service().plan(started).changed()).isFalse();

    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(service().apply(Map.of("name", name, "state", "restarted")).changed()).isTrue();
    assertThat(Long.parseLong(Files.readString(pidFile).strip())).as("a new process").isNotEqualTo(pid);

    Map<String, Object> stopped = Map.of("name", name, "state", "stopped");
    assertThat(service().plan(stopped).message()).isEqualTo("would stop " + name);
    assertThat(running()).isTrue();
    service().apply(stopped);
    assertThat(running()).isFalse();
    assertThat(service().apply(stopped).changed()).isFalse();
  }

  @Test
  void enabledMakesTheBootLinksAndDisabledTurnsThemOff() throws Exception {
    Map<String, Object> enabled = Map.of("name", name, "enabled", true);
    assertThat(service().plan(enabled).message()).isEqualTo("would enable " + name);
    service().apply(enabled);
    try (var links = Files.list(Path.of("/etc/rc2.d"))) {
      assertThat(links.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("S\\d\\d" + name));
    }
    assertThat(service().apply(enabled).changed()).isFalse();
    service().apply(Map.of("name", name, "enabled", false));
    try (var links = Files.list(Path.of("/etc/rc2.d"))) {
      assertThat(links.map(p -> p.getFileName().toString())).noneMatch(n -> n.matches("S\\d\\d" + name));
    }
    assertThat(service().apply(Map.of("name", name, "enabled", false)).changed()).isFalse();
  }

  @Test
  void systemdAndItsOptionsAreRefusedHereInWords() {
    ModuleRun systemd = new ModuleRun(new SystemdModule(), ssh, Map.of()).on(host.name());
    assertThatThrownBy(() -> systemd.apply(Map.of("name", name, "state", "started")))
        .isInstanceOf(ModuleException.class)
        .hasMessageStartingWith("systemd needs systemd, which is not running on " + host.name());
    assertThatThrownBy(() -> service().apply(Map.of("name", name, "state", "started", "daemon_reload", true)))
        .hasMessageContaining("daemon_reload needs systemd");
  }

  @Test
  void aNameWithShellTextNeverReachesTheHost() throws Exception {
    assertThatThrownBy(() -> service().apply(Map.of("name", name + ";touch /tmp/PWNED", "state", "started")))
        .hasMessageContaining("is not a service name");
    assertThat(Path.of("/tmp/PWNED")).doesNotExist();
    assertThatThrownBy(() -> service().apply(Map.of("name", "provision-no-such-service", "state", "started")))
        .hasMessage("could not find the requested service provision-no-such-service on " + host.name());
  }
}
