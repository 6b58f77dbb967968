package dev.provision.modules.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.testing.ModuleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ansible.posix.sysctl} over a real ssh connection (SshLab on 127.0.53.21) with the host's real
 * sysctl. The lab's hosts share this machine's kernel, so no test sets a real kernel parameter: the
 * file is written for real, real values are read ({@code vm.swappiness}), and {@code sysctl -w} and
 * {@code sysctl -p} run for real only on a key no kernel has ({@code provision.test.key}), where
 * {@code ignoreerrors} makes them succeed and its absence makes them fail. Not tested here: setting
 * a real parameter (the kernel's value changing), which needs a machine of its own.
 */
class SysctlSshTest {

  private static final String FAKE = "provision.test.key";

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.53.21");
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
    dir = Files.createTempDirectory(host.root(), "sysctl");
  }

  private ModuleRun sysctl() {
    return new ModuleRun(new SysctlModule(), ssh, Map.of()).on(host.name());
  }

  private static Map<String, Object> args(Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], pairs[i + 1]);
    }
    return out;
  }

  private static String swappiness() throws Exception {
    // a /proc file says its size is 0: read it as a stream, not by its size
    try (java.io.BufferedReader in = Files.newBufferedReader(Path.of("/proc/sys/vm/swappiness"))) {
      return in.readLine().strip();
    }
  }

  @Test
  void theFileIsWrittenAsAnsibleWritesItAndTheKernelsValueIsRead() throws Exception {
    Path conf = Files.writeString(dir.resolve("99-test.conf"), "# tuning\nvm.swappiness = 1\n  kernel.x =  2 \n");
    String real = swappiness();
    Map<String, Object> task = args("name", "vm.swappiness", "value", real, "sysctl_file", conf.toString());
    ModuleRun.Outcome planned = sysctl().plan(task);
    assertThat(planned.changed()).isTrue();
    assertThat(conf).hasContent("# tuning\nvm.swappiness = 1\n  kernel.x =  2 ");
    // the reload is planned (sysctl -p of this file), and would set the kernel to its own value
    assertThat(planned.plan().actions()).hasSize(2);
    Map<String, Object> noReload = new LinkedHashMap<>(task);
    noReload.put("reload", false);
    ModuleRun.Outcome applied = sysctl().apply(noReload);
    assertThat(applied.changed()).isTrue();
    assertThat(conf).hasContent("# tuning\nvm.swappiness=" + real + "\nkernel.x=2");
    assertThat(planned.plan().diffs().get(0).after()).isEqualTo(Files.readString(conf));
    // now the file and the kernel agree: nothing to do, reload or not (the kernel's value is read for real)
    assertThat(sysctl().plan(task).changed()).isFalse();
    assertThat(sysctl().plan(task).plan().message()).isEqualTo("vm.swappiness is " + real + " in " + conf + " and in the kernel");
    assertThat(sysctl().apply(noReload).changed()).isFalse();

    Map<String, Object> absent = args("name", "vm.swappiness", "state", "absent", "reload", false,
        "sysctl_file", conf.toString());
    assertThat(sysctl().apply(absent).changed()).isTrue();
    assertThat(conf).hasContent("# tuning\nkernel.x=2");
    assertThat(sysctl().apply(absent).changed()).isFalse();
  }

  @Test
  void setAndReloadRunSysctlForRealOnAKeyNoKernelHas() throws Exception {
    Path conf = dir.resolve("new.conf");
    Map<String, Object> task = args("name", FAKE, "value", "yes", "sysctl_file", conf.toString(), "sysctl_set", true,
        "ignoreerrors", true);
    ModuleRun.Outcome applied = sysctl().apply(task);
    assertThat(applied.changed()).isTrue();
    assertThat(applied.plan().message()).isEqualTo("set the kernel's " + FAKE + " to 1 (now ), create " + conf
        + " with " + FAKE + "=1, reload it");
    assertThat(conf).hasContent(FAKE + "=1");
    // the kernel never has it, so Ansible's rule plans the set and the reload again
    assertThat(sysctl().plan(task).changed()).isTrue();

    Map<String, Object> strict = args("name", FAKE, "value", "1", "sysctl_file", conf.toString(), "sysctl_set", true);
    assertThatThrownBy(() -> sysctl().apply(strict))
        .hasMessageContaining("setting " + FAKE + " failed: sysctl: cannot stat /proc/sys/provision/test/key");
    Map<String, Object> reloadOnly = args("name", FAKE, "value", "1", "sysctl_file", conf.toString());
    assertThatThrownBy(() -> sysctl().apply(reloadOnly)).hasMessageContaining("Failed to reload sysctl: ");
    assertThat(conf).hasContent(FAKE + "=1");
  }

  @Test
  void shellTextInTheFileNameStaysText() throws Exception {
    Path conf = dir.resolve("$(touch PWNED); x.conf");
    Map<String, Object> task = args("name", FAKE, "value", "1 `touch PWNED`", "sysctl_file", conf.toString(),
        "ignoreerrors", true);
    assertThat(sysctl().apply(task).changed()).isTrue();
    assertThat(conf).hasContent(FAKE + "=1 `touch PWNED`");
    assertThat(dir.resolve("PWNED")).doesNotExist();
    assertThat(host.home().resolve("PWNED")).doesNotExist();
    assertThat(Path.of("PWNED")).doesNotExist();
  }
}
