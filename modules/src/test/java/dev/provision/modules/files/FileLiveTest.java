package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.gate.RealParts;
import dev.provision.module.testing.ModuleRun;
import dev.provision.module.testing.ShellConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code file} for real on this machine: first run changes, plan never does, second run is ok. */
class FileLiveTest {

  @TempDir Path dir;
  private ModuleRun file;

  @BeforeEach
  void setUp() {
    file = new ModuleRun(new FileModule(), new ShellConnection(dir), Map.of());
  }

  private void assertConverges(Map<String, Object> args) throws Exception {
    assertThat(file.apply(args).changed()).as("first apply changes").isTrue();
    ModuleRun.Outcome again = file.apply(args);
    assertThat(again.changed()).as("second apply: " + again.plan().message()).isFalse();
  }

  @Test
  void directoryWithModeIsCreatedOnceAndPlanCreatesNothing() throws Exception {
    Path target = dir.resolve("a/b");
    Map<String, Object> args = Map.of("path", target.toString(), "state", "directory", "mode", "0750");
    assertThat(file.plan(args).changed()).isTrue();
    assertThat(dir.resolve("a")).doesNotExist();
    assertConverges(args);
    assertThat(target).isDirectory();
    assertThat(perms(target)).isEqualTo("rwxr-x---");
    assertThat(file.plan(args).plan().message()).isEqualTo("directory " + target + " already exists with mode 0750");
  }

  @Test
  void linkIsCreatedThenRepointed() throws Exception {
    Path link = dir.resolve("current");
    Files.createDirectories(dir.resolve("v1"));
    Files.createDirectories(dir.resolve("v2"));
    assertConverges(Map.of("path", link.toString(), "state", "link", "src", dir.resolve("v1").toString()));
    assertThat(Files.readSymbolicLink(link)).isEqualTo(dir.resolve("v1"));
    assertConverges(Map.of("path", link.toString(), "state", "link", "src", dir.resolve("v2").toString()));
    assertThat(Files.readSymbolicLink(link)).isEqualTo(dir.resolve("v2"));
    assertThat(dir.resolve("v1").toFile().list()).as("nothing was linked inside the old target").isEmpty();
  }

  @Test
  void absentRemovesATreeThenIsOk() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("old/sub"));
    Files.writeString(tree.resolve("f"), "x");
    Map<String, Object> args = Map.of("path", dir.resolve("old").toString(), "state", "absent");
    assertThat(file.plan(args).changed()).isTrue();
    assertThat(tree.resolve("f")).exists();
    assertConverges(args);
    assertThat(dir.resolve("old")).doesNotExist();
  }

  @Test
  void touchCreatesOnceWithASymbolicMode() throws Exception {
    Path f = dir.resolve("marker");
    assertConverges(Map.of("path", f.toString(), "state", "touch", "mode", "u=rw,g=,o="));
    assertThat(perms(f)).isEqualTo("rw-------");
  }

  @Test
  void symbolicModeOnAnExistingFileIsComputedFromItsBits() throws Exception {
    Path f = Files.writeString(dir.resolve("tool"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    assertConverges(Map.of("path", f.toString(), "mode", "u+x,g-r"));
    assertThat(perms(f)).isEqualTo("rwx---r--");
  }

  @Test
  void recurseAppliesModeBelowAndThenIsOk() throws Exception {
    Path top = Files.createDirectories(dir.resolve("data/sub"));
    Path f = Files.writeString(top.resolve("f"), "x");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(top, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(dir.resolve("data"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, Object> args = Map.of("path", dir.resolve("data").toString(), "state", "directory",
        "recurse", true, "mode", "0750");
    assertConverges(args);
    assertThat(perms(f)).isEqualTo("rwxr-x---");
    assertThat(perms(top)).isEqualTo("rwxr-x---");
  }

  @Test
  void shellTextInPathIsAName() throws Exception {
    Path odd = dir.resolve("a b; touch pwned; $(touch pwned2)");
    assertConverges(Map.of("path", odd.toString(), "state", "directory"));
    assertThat(odd).isDirectory();
    assertThat(dir.resolve("pwned")).doesNotExist();
    assertThat(dir.resolve("pwned2")).doesNotExist();
  }

  @Test
  void ownerIsChangedOnceWhenRunningAsRoot() throws Exception {
    RealParts.requireRoot("chown to another user");
    Path f = Files.writeString(dir.resolve("owned"), "x");
    Map<String, Object> args = new HashMap<>(Map.of("path", f.toString(), "owner", "nobody"));
    assertConverges(args);
    assertThat(Files.getOwner(f, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("nobody");
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
