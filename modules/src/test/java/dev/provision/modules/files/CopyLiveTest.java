package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.module.testing.ModuleRun;
import dev.provision.module.testing.ShellConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code copy} for real on this machine, through {@code sh -c}, in a temp dir. */
class CopyLiveTest {

  @TempDir Path dir;
  private ModuleRun copy;

  @BeforeEach
  void setUp() {
    copy = new ModuleRun(new CopyModule(), new ShellConnection(dir), Map.of("playbook_dir", dir.toString()));
  }

  @Test
  void planChangesNothingApplyWritesAndSecondRunIsOk() throws Exception {
    Path dest = dir.resolve("motd");
    Map<String, Object> args = Map.of("dest", dest.toString(), "content", "hello\n");

    ModuleRun.Outcome planned = copy.plan(args);
    assertThat(planned.changed()).isTrue();
    assertThat(planned.plan().diffs().get(0).after()).isEqualTo("hello\n");
    assertThat(dest).doesNotExist();

    assertThat(copy.apply(args).changed()).isTrue();
    assertThat(dest).hasContent("hello");
    assertThat(Files.readString(dest)).isEqualTo("hello\n");

    ModuleRun.Outcome again = copy.apply(args);
    assertThat(again.changed()).isFalse();
    assertThat(again.plan().message()).isEqualTo("file " + dest + " already has this content");
    assertThat(dir.toFile().list()).containsExactly("motd");
  }

  @Test
  void changedContentShowsDiffAndKeepsTheOldMode() throws Exception {
    Path dest = dir.resolve("app.conf");
    Files.writeString(dest, "port=80\n");
    Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rw-r-----"));
    Map<String, Object> args = Map.of("dest", dest.toString(), "content", "port=8080\n");

    ModuleRun.Outcome planned = copy.plan(args);
    assertThat(planned.plan().diffs().get(0).before()).isEqualTo("port=80\n");
    assertThat(planned.plan().diffs().get(0).after()).isEqualTo("port=8080\n");
    assertThat(dest).hasContent("port=80");

    copy.apply(args);
    assertThat(dest).hasContent("port=8080");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest))).isEqualTo("rw-r-----");
    assertThat(copy.apply(args).changed()).isFalse();
  }

  @Test
  void modeOnlyChangeIsFixedInPlaceThenOk() throws Exception {
    Path dest = dir.resolve("secret");
    Files.writeString(dest, "s\n");
    Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rw-r--r--"));
    Map<String, Object> args = Map.of("dest", dest.toString(), "content", "s\n", "mode", "0600");

    assertThat(copy.apply(args).plan().message()).isEqualTo("change mode of " + dest);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest))).isEqualTo("rw-------");
    assertThat(copy.apply(args).changed()).isFalse();
  }

  @Test
  void newFileGetsTheUsualCreateModeNotMktemps0600() throws Exception {
    Path dest = dir.resolve("plain");
    copy.apply(Map.of("dest", dest.toString(), "content", "x"));
    String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(dest));
    String umask = new String(new ProcessBuilder("sh", "-c", "umask").start().getInputStream().readAllBytes()).strip();
    int expected = 0666 & ~Integer.parseInt(umask, 8);
    assertThat(perms).isEqualTo(PosixFilePermissions.toString(
        PosixFilePermissions.fromString(rwx(expected))));
  }

  @Test
  void srcIsReadFromThePlaybookFilesFolder() throws Exception {
    Files.createDirectories(dir.resolve("files"));
    Files.writeString(dir.resolve("files/banner.txt"), "banner\n");
    Path target = Files.createDirectories(dir.resolve("etc"));
    Map<String, Object> args = Map.of("src", "banner.txt", "dest", target + "/");
    assertThat(copy.apply(args).changed()).isTrue();
    assertThat(target.resolve("banner.txt")).hasContent("banner");
    assertThat(copy.apply(args).changed()).isFalse();
  }

  @Test
  void shellTextInDestIsAFileNameNeverACommand() throws Exception {
    String name = "x; touch pwned; $(touch pwned2) `touch pwned3` '\"";
    Path dest = dir.resolve(name);
    Map<String, Object> args = Map.of("dest", dest.toString(), "content", "safe\n");
    copy.apply(args);
    assertThat(dest).hasContent("safe");
    assertThat(dir.resolve("pwned")).doesNotExist();
    assertThat(dir.resolve("pwned2")).doesNotExist();
    assertThat(dir.resolve("pwned3")).doesNotExist();
    assertThat(copy.apply(args).changed()).isFalse();
  }

  @Test
  void ownerInjectionIsRefusedBeforeAnyCommand() {
    ShellConnection connection = new ShellConnection(dir);
    ModuleRun run = new ModuleRun(new CopyModule(), connection, Map.of());
    assertThatThrownBy(() -> run.apply(Map.of("dest", dir.resolve("f").toString(), "content", "x",
        "owner", "root$(touch " + dir.resolve("pwned") + ")")))
        .hasMessageContaining("is not a valid user");
    assertThat(connection.scripts()).isEmpty();
    assertThat(dir.resolve("pwned")).doesNotExist();
  }

  @Test
  void missingParentDirectoryFailsAndCreatesNothing() {
    Path dest = dir.resolve("no/such/dir/file");
    assertThatThrownBy(() -> copy.apply(Map.of("dest", dest.toString(), "content", "x")))
        .hasMessageContaining("cannot write " + dest + " on fixture: its directory " + dest.getParent() + " does not exist");
    assertThat(dir.resolve("no")).doesNotExist();
  }

  private static String rwx(int bits) {
    StringBuilder out = new StringBuilder();
    for (int shift = 6; shift >= 0; shift -= 3) {
      out.append((bits >> shift & 4) != 0 ? 'r' : '-').append((bits >> shift & 2) != 0 ? 'w' : '-')
          .append((bits >> shift & 1) != 0 ? 'x' : '-');
    }
    return out.toString();
  }
}
