package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.testing.ModuleRun;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code stat} over a real ssh connection (SshLab on 127.0.45.1; the lab shares our filesystem), judged
 * by what Java itself reads of the same file: plan and apply report the same and change nothing.
 */
class StatSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.45.1");
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
    dir = Files.createTempDirectory(host.root(), "stat");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> stat(boolean apply, Map<String, Object> args) throws Exception {
    ModuleRun run = new ModuleRun(new StatModule(), ssh, Map.of()).on(host.name());
    ModuleRun.Outcome outcome = apply ? run.apply(args) : run.plan(args);
    assertThat(outcome.changed()).as("stat never changes anything").isFalse();
    return (Map<String, Object>) outcome.data().get("stat");
  }

  private static String hex(String algorithm, byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
  }

  @Test
  void aFileReadsAsJavaSeesItAndPlanEqualsApply() throws Exception {
    Path file = Files.writeString(dir.resolve("app.conf"), "port=8080\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Map<String, Object> args = Map.of("path", file.toString());
    String before = Files.getLastModifiedTime(file).toString();

    Map<String, Object> planned = stat(false, args);
    Map<String, Object> applied = stat(true, args);
    // the plan's checksum read is the file's first read since it was written, which moves atime (relatime)
    Map<String, Object> plannedButAtime = new java.util.HashMap<>(planned);
    Map<String, Object> appliedButAtime = new java.util.HashMap<>(applied);
    plannedButAtime.remove("atime");
    appliedButAtime.remove("atime");
    assertThat(appliedButAtime).isEqualTo(plannedButAtime);
    assertThat(planned).containsEntry("exists", true).containsEntry("isreg", true).containsEntry("isdir", false)
        .containsEntry("islnk", false).containsEntry("mode", "0640").containsEntry("size", 10L)
        .containsEntry("pw_name", "root").containsEntry("uid", 0L).containsEntry("gid", 0L)
        .containsEntry("rgrp", true).containsEntry("roth", false).containsEntry("readable", true)
        .containsEntry("checksum", hex("SHA-1", Files.readAllBytes(file)));
    long mtime = Files.getLastModifiedTime(file).toMillis();
    assertThat((long) Math.floor((Double) planned.get("mtime") * 1000)).isCloseTo(mtime, org.assertj.core.data.Offset.offset(1L));
    assertThat(planned.get("inode")).isEqualTo(Files.getAttribute(file, "unix:ino"));
    assertThat(Files.getLastModifiedTime(file).toString()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"md5", "sha256", "sha512"})
  void theChecksumAlgorithmIsTheOneAsked(String algorithm) throws Exception {
    Path file = Files.write(dir.resolve("blob"), new byte[] {1, 2, 3, 0, 10});
    String java = switch (algorithm) {
      case "md5" -> "MD5";
      case "sha256" -> "SHA-256";
      default -> "SHA-512";
    };
    assertThat(stat(true, Map.of("path", file.toString(), "checksum_algorithm", algorithm)))
        .containsEntry("checksum", hex(java, Files.readAllBytes(file)));
  }

  @Test
  void linksDirectoriesAndAbsentPaths() throws Exception {
    Path target = Files.writeString(dir.resolve("target"), "t\n");
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
    Map<String, Object> asLink = stat(true, Map.of("path", link.toString()));
    assertThat(asLink).containsEntry("islnk", true).containsEntry("isreg", false).containsEntry("lnk_target", "target")
        .containsEntry("lnk_source", target.toRealPath().toString()).doesNotContainKey("checksum");
    Map<String, Object> followed = stat(true, Map.of("path", link.toString(), "follow", true));
    assertThat(followed).containsEntry("isreg", true).containsEntry("islnk", false)
        .containsEntry("checksum", hex("SHA-1", "t\n".getBytes()));
    assertThat(stat(false, Map.of("path", dir.toString()))).containsEntry("isdir", true)
        .containsEntry("nlink", ((Number) Files.getAttribute(dir, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).longValue());
    assertThat(stat(false, Map.of("path", dir.resolve("none").toString()))).isEqualTo(Map.of("exists", false));
    Path broken = Files.createSymbolicLink(dir.resolve("broken"), Path.of("nowhere"));
    assertThat(stat(false, Map.of("path", broken.toString(), "follow", true))).isEqualTo(Map.of("exists", false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"$(touch PWNED)", "`touch PWNED`", "'; touch PWNED; '", "a;touch PWNED", "-rf"})
  void shellTextInThePathIsAFileName(String name) throws Exception {
    Path file = Files.writeString(dir.resolve(name), "x");
    assertThat(stat(true, Map.of("path", file.toString()))).containsEntry("isreg", true).containsEntry("size", 1L);
    for (Path place : List.of(dir, host.home(), host.root(), Path.of("/"))) {
      assertThat(place.resolve("PWNED")).doesNotExist();
    }
  }
}
