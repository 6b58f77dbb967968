package dev.provision.modules.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.gate.RealParts;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.testing.ModuleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code user} and {@code group} over a real ssh connection (SshLab on 127.0.45.61) with the real
 * useradd, usermod, groupadd and chpasswd. The lab hosts share this machine's /etc, so every account
 * has a unique name ({@code pv} and random letters) and is removed after each test; judged by what
 * {@code getent} (here, not through the module) says.
 */
class AccountsSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.45.61");
  private static LabHost host;
  private Connection ssh;
  private String user;
  private String group;

  @BeforeAll
  static void startLab() throws Exception {
    RealParts.requireRoot("useradd and groupadd change /etc/passwd and /etc/group");
    RealParts.requirePrograms("passwd", "useradd", "usermod", "userdel", "groupadd", "groupmod", "groupdel", "chpasswd");
    host = LAB.host();
  }

  @BeforeEach
  void names() throws Exception {
    ssh = LAB.connection();
    StringBuilder s = new StringBuilder("pv");
    for (int i = 0; i < 6; i++) {
      s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    user = s + "u";
    group = s + "g";
  }

  @AfterEach
  void cleanUp() throws Exception {
    sh("userdel -r " + user + " 2>/dev/null; groupdel " + group + " 2>/dev/null; true");
  }

  private static String sh(String command) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  private ModuleRun run(dev.provision.module.Module module) {
    return new ModuleRun(module, ssh, Map.of()).on(host.name());
  }

  /** Plan changes nothing, apply does what the plan said, a second apply and a plan are ok. */
  private void parity(dev.provision.module.Module module, Map<String, Object> args, String probe) throws Exception {
    String before = sh(probe);
    ModuleRun.Outcome planned = run(module).plan(args);
    assertThat(planned.changed()).isTrue();
    assertThat(sh(probe)).as("a plan changes nothing").isEqualTo(before);
    ModuleRun.Outcome applied = run(module).apply(args);
    assertThat(applied.plan().message()).isEqualTo(planned.plan().message());
    assertThat(run(module).apply(args).changed()).as("second apply").isFalse();
    assertThat(run(module).plan(args).changed()).isFalse();
  }

  @Test
  void groupThenUserAreAddedChangedAndRemoved() throws Exception {
    parity(new GroupModule(), Map.of("name", group, "gid", 47311), "getent group " + group);
    assertThat(sh("getent group " + group)).startsWith(group + ":x:47311:");

    parity(new UserModule(), Map.of("name", user, "group", group, "shell", "/bin/sh", "comment", "$(touch /tmp/PWNED)",
        "create_home", false), "getent passwd " + user);
    assertThat(sh("getent passwd " + user)).startsWith(user + ":x:").contains(":47311:$(touch /tmp/PWNED):")
        .endsWith(":/bin/sh\n");
    assertThat(Path.of("/tmp/PWNED")).doesNotExist();

    parity(new UserModule(), Map.of("name", user, "shell", "/bin/bash", "groups", List.of(group, "users"), "append", true),
        "getent passwd " + user);
    assertThat(sh("getent passwd " + user)).endsWith(":/bin/bash\n");
    assertThat(sh("id -Gn " + user).split("\\s+")).contains(group, "users");

    String hash = "$6$provisionsalt$" + "x".repeat(20);
    parity(new UserModule(), Map.of("name", user, "password", hash), "getent shadow " + user);
    assertThat(sh("getent shadow " + user)).startsWith(user + ":" + hash + ":");

    parity(new UserModule(), Map.of("name", user, "state", "absent"), "getent passwd " + user);
    assertThat(sh("getent passwd " + user)).isEmpty();
    parity(new GroupModule(), Map.of("name", group, "state", "absent"), "getent group " + group);
    assertThat(sh("getent group " + group)).isEmpty();
    assertThat(Files.exists(Path.of("/tmp/PWNED"))).isFalse();
  }
}
