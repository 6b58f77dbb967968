package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.ModuleException;
import dev.provision.module.testing.ModuleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code template} over a real ssh connection (SshLab on 127.0.45.31; the lab shares our filesystem):
 * a Jinja file from {@code templates/} beside the playbook is rendered with the host's variables; the
 * plan's diff is what the apply writes, a second apply changes nothing.
 */
class TemplateSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.45.31");
  private static LabHost host;
  private Connection ssh;
  private Path dir;
  @TempDir Path playbook;

  @BeforeAll
  static void startLab() throws Exception {
    host = LAB.host();
  }

  @BeforeEach
  void connect() throws Exception {
    ssh = LAB.connection();
    dir = Files.createTempDirectory(host.root(), "template");
    Files.createDirectories(playbook.resolve("templates"));
    Files.writeString(playbook.resolve("templates/app.conf.j2"),
        "# {{ inventory_hostname }}\n{% for p in ports %}listen {{ p }}\n{% endfor %}shell = $(touch PWNED)\n");
  }

  private ModuleRun template(List<Integer> ports) {
    return new ModuleRun(new TemplateModule(), ssh, Map.of("playbook_dir", playbook.toString(),
        "inventory_hostname", host.name(), "ports", ports)).on(host.name());
  }

  @Test
  void planPredictsTheRenderedFileApplyWritesItAndTheSecondApplyIsOk() throws Exception {
    Path dest = dir.resolve("app.conf");
    Map<String, Object> args = Map.of("src", "app.conf.j2", "dest", dest.toString(), "mode", "0640");
    ModuleRun.Outcome planned = template(List.of(80, 443)).plan(args);
    assertThat(planned.changed()).isTrue();
    assertThat(dest).doesNotExist();
    String expected = "# " + host.name() + "\nlisten 80\nlisten 443\nshell = $(touch PWNED)\n";
    assertThat(planned.plan().diffs().get(0).after()).isEqualTo(expected);

    assertThat(template(List.of(80, 443)).apply(args).message()).isEqualTo("create " + dest);
    assertThat(Files.readString(dest)).isEqualTo(expected);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest))).isEqualTo("rw-r-----");
    assertThat(template(List.of(80, 443)).apply(args).changed()).isFalse();
    assertThat(template(List.of(80, 443)).plan(args).changed()).isFalse();

    ModuleRun.Outcome update = template(List.of(8080)).apply(Map.of("src", "app.conf.j2", "dest", dest.toString(),
        "backup", true));
    assertThat(update.message()).isEqualTo("update " + dest);
    assertThat(Files.readString(dest)).isEqualTo("# " + host.name() + "\nlisten 8080\nshell = $(touch PWNED)\n");
    assertThat(Path.of((String) update.data().get("backup_file"))).hasContent(expected.strip());
    for (Path place : List.of(dir, host.home(), host.root(), Path.of("/"), playbook)) {
      assertThat(place.resolve("PWNED")).doesNotExist();
    }
  }

  @Test
  void aFailedValidateLeavesTheOldFile() throws Exception {
    Path dest = Files.writeString(dir.resolve("app.conf"), "old\n");
    assertThatThrownBy(() -> template(List.of(1)).apply(Map.of("src", "app.conf.j2", "dest", dest.toString(),
        "validate", "grep -q '^listen 2$' %s")))
        .isInstanceOf(ModuleException.class)
        .hasMessageContaining("failed validation");
    assertThat(dest).hasContent("old");
    assertThat(template(List.of(2)).apply(Map.of("src", "app.conf.j2", "dest", dest.toString(),
        "validate", "grep -q '^listen 2$' %s")).changed()).isTrue();
    assertThat(Files.readString(dest)).contains("listen 2\n");
  }
}
