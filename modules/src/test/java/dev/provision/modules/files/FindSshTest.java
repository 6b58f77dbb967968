package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.testing.ModuleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code find} over a real ssh connection (SshLab on 127.0.54.1) with the host's GNU find: names,
 * recursion into hidden directories, age, size, contains and checksums, against files Java made (the
 * lab shares our filesystem), including a name with a newline and shell text.
 */
class FindSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.54.1");
  private static LabHost host;
  private static Connection ssh;
  private static Path dir;

  @BeforeAll
  static void files() throws Exception {
    host = LAB.host();
    ssh = LAB.connection();
    dir = Files.createTempDirectory(host.root(), "find");
    Files.writeString(dir.resolve("a.conf"), "# app\nport=80\n");
    Files.writeString(dir.resolve("b.log"), "x".repeat(3000));
    Files.writeString(dir.resolve(".hidden.conf"), "port=1\n");
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/d.conf"), "git\n");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/c.conf"), "port=81\n");
    Files.writeString(dir.resolve("sub/odd\nname; rm -rf x.conf"), "port=82\n");
    Instant old = Instant.now().minusSeconds(30 * 86400);
    for (String f : List.of("a.conf", "b.log", ".hidden.conf", ".git/d.conf")) {
      Files.setLastModifiedTime(dir.resolve(f), FileTime.from(old));
    }
  }

  private static ModuleRun.Outcome find(Map<String, Object> args) throws Exception {
    ModuleRun.Outcome out = new ModuleRun(new FindModule(), ssh, Map.of()).on(host.name()).apply(args);
    assertThat(out.changed()).isFalse();
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> paths(ModuleRun.Outcome out) {
    return ((List<Map<String, Object>>) out.data().get("files")).stream().map(f -> (String) f.get("path")).toList();
  }

  private static String at(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void recurseListsFilesThenDescendsIntoHiddenDirectories() throws Exception {
    ModuleRun.Outcome out = find(Map.of("paths", dir.toString(), "patterns", "*.conf", "recurse", true));
    assertThat(paths(out)).containsExactlyInAnyOrder(at("a.conf"), at(".git/d.conf"), at("sub/c.conf"),
        at("sub/odd\nname; rm -rf x.conf"));
    assertThat(paths(out).get(0)).as("the top directory's files come first").isEqualTo(at("a.conf"));
    assertThat(out.data()).containsEntry("examined", 8L).containsEntry("matched", 4L);
    assertThat(Files.exists(dir.resolve("x.conf"))).isFalse();
  }

  @Test
  void ageSizeAndContainsFilter() throws Exception {
    assertThat(paths(find(Map.of("paths", dir.toString(), "recurse", true, "hidden", true, "age", "2w"))))
        .containsExactlyInAnyOrder(at("a.conf"), at("b.log"), at(".hidden.conf"), at(".git/d.conf"));
    assertThat(paths(find(Map.of("paths", dir.toString(), "size", "2k")))).containsExactly(at("b.log"));
    assertThat(paths(find(Map.of("paths", dir.toString(), "recurse", true, "contains", "port=8[01]"))))
        .containsExactlyInAnyOrder(at("a.conf"), at("sub/c.conf"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void entriesCarryAnsiblesStatKeysAndChecksums() throws Exception {
    ModuleRun.Outcome out = find(Map.of("paths", dir.toString(), "patterns", "a.conf", "get_checksum", true));
    Map<String, Object> file = ((List<Map<String, Object>>) out.data().get("files")).get(0);
    assertThat(file).containsEntry("isreg", true).containsEntry("size", 14L)
        .containsEntry("checksum", Checksums.sha1("# app\nport=80\n".getBytes()));
    assertThat((Double) file.get("mtime")).isEqualTo(Files.getLastModifiedTime(dir.resolve("a.conf")).toMillis() / 1000.0,
        org.assertj.core.data.Offset.offset(0.001));
    ModuleRun.Outcome dirs = find(Map.of("paths", List.of(dir.toString(), at("a.conf")), "file_type", "directory"));
    assertThat(paths(dirs)).containsExactly(at("sub"));
    assertThat((Map<String, Object>) dirs.data().get("skipped_paths"))
        .containsEntry(at("a.conf"), "'" + at("a.conf") + "' is not a directory");
  }
}
