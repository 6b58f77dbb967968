package dev.provision.modules.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.testing.ModuleRun;
import dev.provision.modules.cron.CronModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code authorized_key} and {@code cron} (its cron_file form; this machine has no crontab command)
 * over a real ssh connection (SshLab on 127.0.54.21), on files under the lab's own directory: the
 * plan's diff is what the apply writes, modes are Ansible's, and a second run changes nothing.
 */
class AuthorizedKeyAndCronSshTest {

  private static final String K1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop";
  private static final String K2 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7";
  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.54.21");
  private static LabHost host;
  private static Connection ssh;
  private static Path dir;
  private static final String USER = System.getProperty("user.name");

  @BeforeAll
  static void files() throws Exception {
    host = LAB.host();
    ssh = LAB.connection();
    dir = Files.createTempDirectory(host.root(), "keys");
  }

  private static ModuleRun.Outcome parity(dev.provision.module.Module module, Path file, Map<String, Object> args)
      throws Exception {
    ModuleRun run = new ModuleRun(module, ssh, Map.of()).on(host.name());
    String before = Files.exists(file) ? Files.readString(file) : "";
    ModuleRun.Outcome planned = run.plan(args);
    assertThat(planned.changed()).isTrue();
    assertThat(Files.exists(file) ? Files.readString(file) : "").as("a plan writes nothing").isEqualTo(before);
    ModuleRun.Outcome applied = run.apply(args);
    assertThat(planned.plan().diffs().get(0).after()).isEqualTo(Files.readString(file));
    assertThat(run.apply(args).changed()).as("second run").isFalse();
    return applied;
  }

  @Test
  void keysAreAddedReplacedAndMadeExclusiveWithAnsiblesModes() throws Exception {
    Path file = dir.resolve(".ssh/authorized_keys");
    Map<String, Object> base = Map.of("user", USER, "path", file.toString(), "key", K1);
    parity(new AuthorizedKeyModule(), file, base);
    assertThat(file).hasContent(K1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    parity(new AuthorizedKeyModule(), file, Map.of("user", USER, "path", file.toString(), "key", K2 + "\n# ignored"));
    assertThat(Files.readString(file)).isEqualTo(K1 + "\n" + K2 + " \n");
    parity(new AuthorizedKeyModule(), file, Map.of("user", USER, "path", file.toString(), "key", K1,
        "key_options", "no-pty,from=\"10.0.0.1\"", "exclusive", true));
    assertThat(Files.readString(file)).isEqualTo("no-pty,from=\"10.0.0.1\" " + K1 + "\n");
    parity(new AuthorizedKeyModule(), file, Map.of("user", USER, "path", file.toString(), "key", K1, "state", "absent"));
    assertThat(Files.readString(file)).isEmpty();
  }

  @Test
  void cronFileJobsAreWrittenAsAnsibleWritesThemAndRemovedWithTheLast() throws Exception {
    Path file = dir.resolve("cron.d-app");
    Map<String, Object> job = Map.of("name", "backup", "minute", "0", "hour", "3", "job", "/b.sh", "user", "root",
        "cron_file", file.toString());
    parity(new CronModule(), file, job);
    assertThat(Files.readString(file)).isEqualTo("#Ansible: backup\n0 3 * * * root /b.sh\n");
    parity(new CronModule(), file, Map.of("name", "PATH", "env", true, "job", "/usr/bin", "user", "root",
        "cron_file", file.toString()));
    assertThat(Files.readString(file)).isEqualTo("PATH=\"/usr/bin\"\n#Ansible: backup\n0 3 * * * root /b.sh\n");
    ModuleRun run = new ModuleRun(new CronModule(), ssh, Map.of()).on(host.name());
    run.apply(Map.of("name", "PATH", "env", true, "state", "absent", "cron_file", file.toString()));
    ModuleRun.Outcome removed = run.apply(Map.of("name", "backup", "state", "absent", "cron_file", file.toString()));
    assertThat(removed.changed()).isTrue();
    assertThat(file).doesNotExist();
    assertThat(run.plan(Map.of("name", "backup", "state", "absent", "cron_file", file.toString())).changed()).isFalse();
  }
}
