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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code lineinfile} and {@code blockinfile} over a real ssh connection (SshLab on 127.0.45.11; the lab shares our
 * filesystem, so Java reads what the host wrote): the plan's diff is exactly what the apply writes,
 * a second apply changes nothing, files over 256 KiB are edited whole.
 */
class LineAndBlockInFileSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.45.11");
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
    dir = Files.createTempDirectory(host.root(), "lineinfile");
  }

  /** The module under test: lineinfile unless a test picks blockinfile. */
  private dev.provision.module.Module editor = new LineInFileModule();

  private ModuleRun edit() {
    return new ModuleRun(editor, ssh, Map.of()).on(host.name());
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
    String before = Files.exists(file) ? Files.readString(file) : null;
    ModuleRun.Outcome planned = edit().plan(args);
    assertThat(planned.changed()).isTrue();
    assertThat(Files.exists(file) ? Files.readString(file) : null).as("plan changes nothing").isEqualTo(before);
    ModuleRun.Outcome applied = edit().apply(args);
    assertThat(applied.plan().message()).isEqualTo(planned.plan().message());
    String after = Files.readString(file);
    if (after.length() <= FileContentFact.LIMIT) {
      assertThat(planned.plan().diffs().get(0).after()).isEqualTo(after);
    }
    assertThat(edit().apply(args).changed()).as("second apply").isFalse();
    assertThat(edit().plan(args).changed()).as("plan after apply").isFalse();
    assertThat(Files.readString(file)).isEqualTo(after);
    return applied;
  }

  @Test
  void regexpReplacesInsertafterAddsAbsentRemoves() throws Exception {
    Path file = Files.writeString(dir.resolve("sshd_config"), "Port 22\n#PermitRootLogin yes\nUsePAM yes\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    parity(file, args(file, "regexp", "^#?PermitRootLogin", "line", "PermitRootLogin no"));
    assertThat(file).hasContent("Port 22\nPermitRootLogin no\nUsePAM yes");
    parity(file, args(file, "line", "ListenAddress 0.0.0.0", "insertafter", "^Port "));
    assertThat(file).hasContent("Port 22\nListenAddress 0.0.0.0\nPermitRootLogin no\nUsePAM yes");
    parity(file, args(file, "regexp", "^(Port) (\\d+)$", "line", "\\1 2222", "backrefs", true));
    parity(file, args(file, "regexp", "^Listen", "state", "absent"));
    assertThat(file).hasContent("Port 2222\nPermitRootLogin no\nUsePAM yes");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sshd_config");
    }
  }

  @Test
  void aFileOverTheContentLimitIsEditedWhole() throws Exception {
    StringBuilder big = new StringBuilder();
    for (int i = 0; big.length() < 400 * 1024; i++) {
      big.append("key").append(i).append(" = value ").append(i).append('\n');
    }
    Path file = Files.writeString(dir.resolve("big.conf"), big);
    parity(file, args(file, "regexp", "^key5 = ", "line", "key5 = changed"));
    String expected = big.toString().replace("\nkey5 = value 5\n", "\nkey5 = changed\n");
    assertThat(Files.readString(file)).isEqualTo(expected);
    parity(file, args(file, "line", "appended = yes"));
    assertThat(Files.readString(file)).isEqualTo(expected + "appended = yes\n");
  }

  @Test
  void createMakesTheFileAndItsDirectoryWithTheMode() throws Exception {
    Path file = dir.resolve("new/sub/app.conf");
    parity(file, args(file, "line", "debug = 1", "create", true, "mode", "0600"));
    assertThat(file).hasContent("debug = 1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThatThrownBy(() -> edit().plan(args(dir.resolve("none"), "line", "x")))
        .hasMessageContaining("does not exist; create: true creates it");
  }

  @Test
  void backupKeepsTheOldFileAndValidateGuardsTheNewOne() throws Exception {
    Path file = Files.writeString(dir.resolve("conf"), "a = 1\n");
    ModuleRun.Outcome applied = edit().apply(args(file, "line", "b = 2", "backup", true,
        "validate", "grep -q '^a = 1$' %s"));
    String backup = (String) applied.data().get("backup_file");
    assertThat(backup).startsWith(file + ".").endsWith("~");
    assertThat(Path.of(backup)).hasContent("a = 1");
    assertThat(file).hasContent("a = 1\nb = 2");

    assertThatThrownBy(() -> edit().apply(args(file, "regexp", "^a = ", "line", "a = 9",
        "validate", "grep -q '^a = 1$' %s")))
        .isInstanceOf(ModuleException.class)
        .hasMessageContaining("failed validation (`grep -q '^a = 1$' %s`")
        .hasMessageContaining("the old file was left in place");
    assertThat(file).hasContent("a = 1\nb = 2");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".provision-tmp"))).isEmpty();
    }
  }

  @Test
  void shellTextInPathLineAndValidateStaysText() throws Exception {
    Path file = Files.writeString(dir.resolve("$(touch PWNED); x"), "start\n");
    String line = "v=$(touch PWNED) `touch PWNED` '; touch PWNED; '";
    parity(file, args(file, "line", line, "validate", "grep -q start %s ;touch PWNED $(touch PWNED)"));
    assertThat(file).hasContent("start\n" + line);
    for (Path place : List.of(dir, host.home(), host.root(), Path.of("/"))) {
      assertThat(place.resolve("PWNED")).doesNotExist();
    }
  }

  @Test
  void blockinfileInsertsReplacesAndRemovesItsBlockInABigFile() throws Exception {
    editor = new BlockInFileModule();
    StringBuilder big = new StringBuilder();
    for (int i = 0; big.length() < 300 * 1024; i++) {
      big.append("10.1.").append(i / 250).append('.').append(i % 250).append(" host").append(i).append('\n');
    }
    Path file = Files.writeString(dir.resolve("hosts"), big);
    parity(file, args(file, "block", "10.0.0.5 db\n10.0.0.6 web"));
    assertThat(Files.readString(file)).isEqualTo(big + "# BEGIN ANSIBLE MANAGED BLOCK\n10.0.0.5 db\n10.0.0.6 web\n"
        + "# END ANSIBLE MANAGED BLOCK\n");
    parity(file, args(file, "block", "10.0.0.7 cache $(touch PWNED)"));
    assertThat(Files.readString(file)).isEqualTo(big + "# BEGIN ANSIBLE MANAGED BLOCK\n10.0.0.7 cache $(touch PWNED)\n"
        + "# END ANSIBLE MANAGED BLOCK\n");
    parity(file, args(file, "state", "absent"));
    assertThat(Files.readString(file)).isEqualTo(big.toString());
    for (Path place : List.of(dir, host.home(), host.root(), Path.of("/"))) {
      assertThat(place.resolve("PWNED")).doesNotExist();
    }
  }
}
