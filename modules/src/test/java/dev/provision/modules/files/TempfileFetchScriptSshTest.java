package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.ModuleException;
import dev.provision.module.testing.ModuleRun;
import dev.provision.modules.command.ScriptModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tempfile}, {@code fetch} and {@code script} over a real ssh connection (SshLab on 127.0.54.11;
 * the lab shares our filesystem): mktemp's file and directory with Ansible's modes, fetch's bytes exact
 * and a second run ok, and a script run with its arguments and removed after.
 */
class TempfileFetchScriptSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.54.11");
  private static LabHost host;
  private static Connection ssh;
  private static Path dir;

  @BeforeAll
  static void files() throws Exception {
    host = LAB.host();
    ssh = LAB.connection();
    dir = Files.createTempDirectory(host.root(), "tfs");
  }

  private static ModuleRun run(dev.provision.module.Module module, Map<String, Object> vars) {
    return new ModuleRun(module, ssh, vars).on(host.name());
  }

  @Test
  void tempfileMakesANewFileOrDirectoryEachRun() throws Exception {
    ModuleRun tempfile = run(new TempfileModule(), Map.of());
    Path dir = Files.createDirectories(TempfileFetchScriptSshTest.dir.resolve("tmp"));
    Map<String, Object> args = Map.of("path", dir.toString(), "prefix", "t.", "suffix", ".txt");
    assertThat(tempfile.plan(args).changed()).isTrue();
    try (var files = Files.list(dir)) {
      assertThat(files.count()).as("a plan creates nothing").isZero();
    }
    Path first = Path.of((String) tempfile.apply(args).data().get("path"));
    Path second = Path.of((String) tempfile.apply(args).data().get("path"));
    assertThat(first).isNotEqualTo(second).isRegularFile().hasParent(dir);
    assertThat(first.getFileName().toString()).matches("t\\.[A-Za-z0-9]{8}\\.txt");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-------");
    Path made = Path.of((String) tempfile.apply(Map.of("state", "directory", "path", dir.toString())).data().get("path"));
    assertThat(made).isDirectory();
    assertThat(made.getFileName().toString()).startsWith("ansible.");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).isEqualTo("rwx------");
  }

  @Test
  void fetchCopiesExactBytesOnceAndThenIsOk() throws Exception {
    byte[] bytes = new byte[300_000];
    new Random(3).nextBytes(bytes);
    Path src = Files.write(Files.createDirectories(dir.resolve("remote")).resolve("blob.bin"), bytes);
    Path play = Files.createDirectories(dir.resolve("play"));
    ModuleRun fetch = run(new FetchModule(), Map.of("playbook_dir", play.toString(), "inventory_hostname", "web1"));
    Map<String, Object> args = Map.of("src", src.toString(), "dest", "out");
    Path dest = Path.of(play + "/out/web1" + src);
    assertThat(fetch.plan(args).changed()).isTrue();
    assertThat(dest).doesNotExist();
    ModuleRun.Outcome applied = fetch.apply(args);
    assertThat(Files.readAllBytes(dest)).isEqualTo(bytes);
    assertThat(applied.data()).containsEntry("checksum", Checksums.sha1(bytes)).containsEntry("dest", dest.toString());
    assertThat(fetch.apply(args).changed()).as("second run").isFalse();
    Files.write(src, "changed\n".getBytes());
    assertThat(fetch.plan(args).changed()).isTrue();
    fetch.apply(Map.of("src", src.toString(), "dest", "flat/", "flat", true));
    assertThat(play.resolve("flat/blob.bin")).hasContent("changed");
    assertThatThrownBy(() -> fetch.apply(Map.of("src", dir + "/none", "dest", "out")))
        .isInstanceOf(ModuleException.class).hasMessageContaining("the remote file does not exist");
  }

  @Test
  void scriptRunsWithItsArgumentsAndLeavesNothingBehind() throws Exception {
    Path play = Files.createDirectories(dir.resolve("scripts"));
    Files.createDirectories(play.resolve("files"));
    Files.writeString(play.resolve("files/greet.sh"), "#!/bin/sh\necho \"hello $1 from $(pwd)\"\necho \"$0\" > \"$2\"\nexit 0\n");
    ModuleRun script = run(new ScriptModule(), Map.of("playbook_dir", play.toString()));
    Path marker = dir.resolve("where");
    String cmd = "greet.sh 'big world' " + marker;
    assertThat(script.plan(Map.of("cmd", cmd, "chdir", dir.toString())).changed()).isTrue();
    assertThat(marker).doesNotExist();
    ModuleRun.Outcome out = script.apply(Map.of("cmd", cmd, "chdir", dir.toString()));
    assertThat(out.data()).containsEntry("rc", 0L).containsEntry("stdout", "hello big world from " + dir);
    Path ran = Path.of(Files.readString(marker).strip());
    assertThat(ran.getFileName().toString()).isEqualTo("greet.sh");
    assertThat(ran.getParent()).as("the temporary directory is removed").doesNotExist();
    assertThat(script.plan(Map.of("cmd", cmd, "creates", marker.toString())).changed()).isFalse();
    Files.writeString(play.resolve("files/fail.py"), "import sys\nprint('bad')\nsys.exit(4)\n");
    assertThatThrownBy(() -> script.apply(Map.of("cmd", "fail.py", "executable", "python3")))
        .isInstanceOf(ModuleException.class).hasMessageContaining("return code 4");
  }
}
