package dev.provision.modules.archive;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unarchive} over a real ssh connection (SshLab on 127.0.45.41; the lab shares our filesystem):
 * real tar and zip archives made here with the system's tar and zip, extracted by the host's tar and
 * unzip; the plan names the files that would change, the apply extracts, a second apply is ok.
 */
class UnarchiveSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.45.41");
  private static LabHost host;
  private Connection ssh;
  private Path dir;
  @TempDir Path playbook;

  @BeforeAll
  static void startLab() throws Exception {
    RealParts.requirePrograms("tar unzip zip", "tar", "unzip", "zip");
    host = LAB.host();
  }

  @BeforeEach
  void connect() throws Exception {
    ssh = LAB.connection();
    dir = Files.createTempDirectory(host.root(), "unarchive");
    Path tree = Files.createDirectories(playbook.resolve("tree/app/conf"));
    Files.writeString(tree.resolve("app.conf"), "port=80\n");
    Files.writeString(tree.getParent().resolve("VERSION"), "v1\n");
    Files.createDirectories(playbook.resolve("files"));
    run(playbook.resolve("tree"), "tar", "-czf", playbook.resolve("files/app.tar.gz").toString(), "app");
    run(playbook.resolve("tree"), "zip", "-q", "-r", playbook.resolve("files/app.zip").toString(), "app");
  }

  private static void run(Path where, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(where.toFile()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }

  private ModuleRun unarchive() {
    return new ModuleRun(new UnarchiveModule(), ssh, Map.of("playbook_dir", playbook.toString())).on(host.name());
  }

  @Test
  void aControlNodeTarGzIsExtractedOnceAndAChangedFileIsPutBack() throws Exception {
    Path dest = Files.createDirectories(dir.resolve("opt $(touch PWNED)"));
    Map<String, Object> args = Map.of("src", "app.tar.gz", "dest", dest.toString(), "mode", "u=rwX,go=rX");
    ModuleRun.Outcome planned = unarchive().plan(args);
    assertThat(planned.changed()).isTrue();
    assertThat(planned.plan().diffs().get(0).after()).isEqualTo("app/conf/app.conf\napp/VERSION\n");
    assertThat(dest).isEmptyDirectory();
    assertThat(unarchive().apply(args).message()).isEqualTo(planned.plan().message());
    assertThat(dest.resolve("app/conf/app.conf")).hasContent("port=80");
    assertThat(dest.resolve("app/VERSION")).hasContent("v1");
    assertThat(unarchive().apply(args).changed()).isFalse();
    assertThat(unarchive().plan(args).changed()).isFalse();

    Files.writeString(dest.resolve("app/VERSION"), "edited\n");
    ModuleRun.Outcome again = unarchive().plan(args);
    assertThat(again.message()).isEqualTo("would extract app.tar.gz into " + dest + " (1 file new or different)");
    unarchive().apply(args);
    assertThat(dest.resolve("app/VERSION")).hasContent("v1");
    assertThat(unarchive().apply(args).changed()).isFalse();
    for (Path place : List.of(dir, host.home(), host.root(), Path.of("/"))) {
      assertThat(place.resolve("PWNED")).doesNotExist();
    }
  }

  @Test
  void aZipOnTheHostIsComparedThereAndCreatesSkipsIt() throws Exception {
    Path onHost = Files.copy(playbook.resolve("files/app.zip"), dir.resolve("app.zip"));
    Path dest = Files.createDirectories(dir.resolve("www"));
    Map<String, Object> args = Map.of("src", onHost.toString(), "dest", dest.toString(), "remote_src", true);
    ModuleRun.Outcome planned = unarchive().plan(args);
    assertThat(planned.message()).isEqualTo("would extract " + onHost + " into " + dest + " (2 files new or different)");
    unarchive().apply(args);
    assertThat(dest.resolve("app/conf/app.conf")).hasContent("port=80");
    assertThat(unarchive().apply(args).changed()).isFalse();
    try (var left = Files.list(Path.of("/tmp"))) {
      assertThat(left.filter(p -> p.getFileName().toString().startsWith("tmp.")).filter(p -> Files.exists(
          p.resolve("app/VERSION")))).as("the comparison's temporary directory is removed").isEmpty();
    }

    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("marker"), "x");
    assertThat(unarchive().apply(Map.of("src", onHost.toString(), "dest", other.toString(), "remote_src", true,
        "creates", other.resolve("marker").toString())).changed()).isFalse();
    assertThat(other.resolve("app")).doesNotExist();
  }
}
