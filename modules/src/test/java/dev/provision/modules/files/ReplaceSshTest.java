package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.testing.ModuleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code replace} over a real ssh connection (SshLab on 127.0.53.11; the lab shares our filesystem, so
 * Java reads what the host wrote): the plan's diff is exactly what the apply writes, the file keeps
 * its mode, a second apply changes nothing, backup keeps the old file, and shell text in the path,
 * the replacement and validate stays text.
 */
class ReplaceSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.53.11");
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
    dir = Files.createTempDirectory(host.root(), "replace");
  }

  private ModuleRun replace() {
    return new ModuleRun(new ReplaceModule(), ssh, Map.of()).on(host.name());
  }

  private static Map<String, Object> args(Path path, Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", path.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], pairs[i + 1]);
    }
    return out;
  }

  /** Plan, apply, apply again and plan again: the plan's diff is the file the apply left, then all is ok. */
  private ModuleRun.Outcome parity(Path file, Map<String, Object> args) throws Exception {
    String before = Files.readString(file);
    ModuleRun.Outcome planned = replace().plan(args);
    assertThat(planned.changed()).isTrue();
    assertThat(Files.readString(file)).as("plan changes nothing").isEqualTo(before);
    ModuleRun.Outcome applied = replace().apply(args);
    assertThat(applied.plan().message()).isEqualTo(planned.plan().message());
    String after = Files.readString(file);
    assertThat(planned.plan().diffs().get(0).before()).isEqualTo(before);
    assertThat(planned.plan().diffs().get(0).after()).isEqualTo(after);
    assertThat(replace().apply(args).changed()).as("second apply").isFalse();
    assertThat(replace().plan(args).changed()).as("plan after apply").isFalse();
    assertThat(Files.readString(file)).isEqualTo(after);
    return applied;
  }

  @Test
  void everyMatchIsReplacedAndTheFileKeepsItsMode() throws Exception {
    Path file = Files.writeString(dir.resolve("fstab"),
        "UUID=1 / ext4 defaults 0 1\n/swap.img none swap sw 0 0\n/dev/sdb1 none swap sw 0 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    ModuleRun.Outcome applied = parity(file, args(file, "regexp", "^([^#].*\\sswap\\s.*)$", "replace", "# \\1"));
    assertThat(applied.plan().message()).isEqualTo("make 2 replacements in " + file);
    assertThat(file).hasContent("UUID=1 / ext4 defaults 0 1\n# /swap.img none swap sw 0 0\n# /dev/sdb1 none swap sw 0 0");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("fstab");
    }
  }

  @Test
  void afterAndBeforeLimitTheEditAndBackupKeepsTheOldFile() throws Exception {
    String old = "[main]\nport = 80\n[extra]\nport = 80\n[last]\nport = 80\n";
    Path file = Files.writeString(dir.resolve("app.ini"), old);
    ModuleRun.Outcome applied = parity(file, args(file, "regexp", "^port = 80$", "replace", "port = 8080",
        "after", "\\[extra\\]", "before", "\\[last\\]", "backup", true));
    assertThat(file).hasContent("[main]\nport = 80\n[extra]\nport = 8080\n[last]\nport = 80");
    String backup = (String) applied.data().get("backup_file");
    assertThat(backup).startsWith(file + ".").endsWith("~");
    assertThat(Path.of(backup)).hasContent(old.strip());
    assertThat(replace().plan(args(file, "regexp", "^port", "after", "\\[none\\]")).plan().message())
        .startsWith("after/before did not match in " + file);
  }

  @Test
  void aMissingFileFailsAndChangesNothing() {
    assertThatThrownBy(() -> replace().apply(args(dir.resolve("none"), "regexp", "x")))
        .hasMessageContaining("does not exist; replace edits an existing file");
    assertThat(dir.resolve("none")).doesNotExist();
  }

  @Test
  void shellTextInPathReplacementAndValidateStaysText() throws Exception {
    Path file = Files.writeString(dir.resolve("$(touch PWNED); x"), "start\nvalue = 1\n");
    String text = "v=$(touch PWNED) `touch PWNED` '; touch PWNED; '";
    parity(file, args(file, "regexp", "^value = .*$", "replace", text,
        "validate", "grep -q start %s ;touch PWNED $(touch PWNED)"));
    assertThat(file).hasContent("start\n" + text);
    for (Path place : List.of(dir, host.home(), host.root(), Path.of("/"))) {
      assertThat(place.resolve("PWNED")).doesNotExist();
    }
  }
}
