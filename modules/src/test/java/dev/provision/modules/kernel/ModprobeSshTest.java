package dev.provision.modules.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.testing.ModuleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code community.general.modprobe}'s read of the host over a real ssh connection (SshLab on
 * 127.0.53.31). The lab's hosts share this machine's kernel, so nothing is ever loaded or unloaded
 * here; what the real read finds is checked against what Java sees of this machine: without modprobe
 * (the build machines have none), or without {@code /proc/modules} (a container), the task fails
 * with that reason, as Ansible's module fails; with both, a loaded module is ok and an unknown one
 * fails the plan through modprobe's own dry run. Loading and unloading for real are not tested: they
 * need a machine whose kernel a test may change.
 */
class ModprobeSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.53.31");
  private static LabHost host;
  private static Connection ssh;

  @BeforeAll
  static void startLab() throws Exception {
    host = LAB.host();
    ssh = LAB.connection();
  }

  private static ModuleRun modprobe() {
    return new ModuleRun(new ModprobeModule(), ssh, Map.of()).on(host.name());
  }

  private static boolean hasModprobe() {
    return List.of("/sbin/modprobe", "/usr/sbin/modprobe", "/bin/modprobe", "/usr/bin/modprobe").stream()
        .anyMatch(p -> Files.isExecutable(Path.of(p)));
  }

  @Test
  void theRealReadAgreesWithThisMachine() throws Exception {
    Map<String, Object> unknown = Map.of("name", "provision_no_such_module");
    if (!hasModprobe()) {
      assertThatThrownBy(() -> modprobe().plan(unknown)).hasMessageContaining("modprobe is not installed");
      assertThatThrownBy(() -> modprobe().apply(Map.of("name", "overlay", "state", "absent")))
          .hasMessageContaining("modprobe is not installed");
      return;
    }
    Path modules = Path.of("/proc/modules");
    if (!Files.isReadable(modules)) {
      assertThatThrownBy(() -> modprobe().plan(unknown)).hasMessageContaining("cannot read /proc/modules");
      return;
    }
    assertThatThrownBy(() -> modprobe().plan(unknown)).hasMessageContaining("modprobe -n provision_no_such_module: ");
    assertThat(modprobe().plan(Map.of("name", "provision_no_such_module", "state", "absent")).changed()).isFalse();
    List<String> loaded = Files.readAllLines(modules);
    if (!loaded.isEmpty()) {
      String name = loaded.get(0).split(" ")[0];
      assertThat(modprobe().plan(Map.of("name", name)).plan().message()).isEqualTo("kernel module " + name + " is loaded");
    }
  }

  @Test
  void shellTextInTheNameIsRefusedBeforeAnyCommand() {
    assertThatThrownBy(() -> modprobe().plan(Map.of("name", "x$(touch PWNED)")))
        .hasMessageContaining("is not a kernel module name");
    assertThat(host.home().resolve("PWNED")).doesNotExist();
  }
}
