package dev.provision.modules.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.gate.RealParts;
import dev.provision.module.testing.ModuleRun;
import dev.provision.module.testing.ShellConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code download: host}: the host runs the real curl against a server on 127.0.0.1. */
class GetUrlHostDownloadTest {

  private static final byte[] V1 = "binary v1\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] V2 = "binary v2\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  @TempDir Path cache;
  private FileServer server;
  private ModuleRun getUrl;

  @BeforeEach
  void setUp() throws Exception {
    RealParts.requirePrograms("curl", "curl");
    System.setProperty("provision.cache.dir", cache.toString());
    server = FileServer.http();
    server.put("/virtctl", V1);
    getUrl = new ModuleRun(new GetUrlModule(), new ShellConnection(dir), Map.of());
  }

  @AfterEach
  void tearDown() {
    server.close();
    System.clearProperty("provision.cache.dir");
  }

  private Map<String, Object> args(Object... more) {
    Map<String, Object> args = new LinkedHashMap<>(Map.of("url", server.url("/virtctl"),
        "dest", dir.resolve("virtctl").toString(), "mode", "0750", "download", "host"));
    for (int i = 0; i < more.length; i += 2) {
      args.put((String) more[i], more[i + 1]);
    }
    return args;
  }

  @Test
  void theHostDownloadsWithCurlThenTheSecondRunIsOk() throws Exception {
    Path dest = dir.resolve("virtctl");
    ModuleRun.Outcome planned = getUrl.plan(args());
    assertThat(planned.changed()).isTrue();
    assertThat(planned.plan().diffs().get(0).after()).contains("sha256: " + FileServer.sha256(V1));
    assertThat(dest).doesNotExist();
    assertThat(cache.toFile().list()).as("the control node downloads nothing").isEmpty();

    assertThat(getUrl.apply(args()).changed()).isTrue();
    assertThat(Files.readAllBytes(dest)).isEqualTo(V1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest))).isEqualTo("rwxr-x---");
    assertThat(getUrl.apply(args()).changed()).isFalse();

    server.put("/virtctl", V2);
    assertThat(getUrl.apply(args()).changed()).isTrue();
    assertThat(Files.readAllBytes(dest)).isEqualTo(V2);
    assertThat(dir.toFile().list()).containsExactly("virtctl");
  }

  @Test
  void headersReachTheServer() throws Exception {
    getUrl.apply(args("headers", Map.of("Authorization", "Bearer s3cr3t-token")));
    assertThat(server.lastHeaders()).containsEntry("authorization", "Bearer s3cr3t-token");
  }

  @Test
  void aPinnedChecksumMismatchOnTheHostLeavesTheOldFileAndNoTemporaryFile() throws Exception {
    Path dest = dir.resolve("virtctl");
    Files.write(dest, V2);
    String pinned = FileServer.sha256("other".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> getUrl.apply(args("checksum", "sha256:" + pinned)))
        .hasMessageContaining("checksum mismatch for " + server.url("/virtctl"))
        .hasMessageContaining("expected sha256 " + pinned)
        .hasMessageContaining("downloaded " + FileServer.sha256(V1))
        .hasMessageContaining("the old file was left in place");
    assertThat(Files.readAllBytes(dest)).isEqualTo(V2);
    assertThat(dir.toFile().list()).containsExactly("virtctl");
  }

  @Test
  void aMissingFileOnTheServerFailsThePlanWithTheReason() {
    assertThatThrownBy(() -> getUrl.plan(args("url", server.url("/nope"))))
        .hasMessageContaining("the host could not download " + server.url("/nope"))
        .hasMessageContaining("the server answered with an HTTP error");
  }

  @Test
  void shellTextInDestAndUrlStaysLiteral() throws Exception {
    server.put("/a'$(touch%20pwned-url)", V1);
    Path dest = dir.resolve("v'$(touch pwned-dest)`touch pwned-tick`;x");
    getUrl.apply(args("url", server.url("/a'$(touch%20pwned-url)"), "dest", dest.toString()));
    assertThat(Files.readAllBytes(dest)).isEqualTo(V1);
    assertThat(dir.toFile().list()).containsExactly(dest.getFileName().toString());
  }

  @Test
  void shellTextInOwnerIsRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> getUrl.apply(args("owner", "root;touch pwned")))
        .hasMessageContaining("owner `root;touch pwned` is not a valid user or group name");
    assertThat(dir.toFile().list()).isEmpty();
  }
}
