package dev.provision.modules.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.module.Action;
import dev.provision.module.Mode;
import dev.provision.module.ModuleException;
import dev.provision.module.Plan;
import dev.provision.module.testing.TestHost;
import dev.provision.module.testing.ModuleRun;
import dev.provision.module.testing.ShellConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code get_url} with the default {@code download: control}, against a real HTTP server on 127.0.0.1. */
class GetUrlLiveTest {

  private static final byte[] V1 = "#!/bin/sh\necho virtctl v1\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] V2 = "#!/bin/sh\necho virtctl v2\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  @TempDir Path cache;
  private FileServer server;
  private ModuleRun getUrl;

  @BeforeEach
  void setUp() throws Exception {
    System.setProperty("provision.cache.dir", cache.toString());
    server = FileServer.http();
    server.put("/v1.0.0/virtctl-v1.0.0-linux-amd64", V1);
    getUrl = new ModuleRun(new GetUrlModule(), new ShellConnection(dir), Map.of("playbook_dir", dir.toString()));
    Files.createDirectories(dir.resolve("bin"));
  }

  @AfterEach
  void tearDown() {
    server.close();
    System.clearProperty("provision.cache.dir");
  }

  private Map<String, Object> args(Object... more) {
    Map<String, Object> args = new java.util.LinkedHashMap<>(Map.of(
        "url", server.url("/v1.0.0/virtctl-v1.0.0-linux-amd64"), "dest", dir.resolve("bin/virtctl").toString(),
        "mode", "0755"));
    for (int i = 0; i < more.length; i += 2) {
      args.put((String) more[i], more[i + 1]);
    }
    return args;
  }

  @Test
  void planPredictsFirstRunChangesSecondRunIsOkAndTheServerSendsTheFileOnce() throws Exception {
    Path dest = dir.resolve("bin/virtctl");
    ModuleRun.Outcome planned = getUrl.plan(args());
    assertThat(planned.changed()).isTrue();
    assertThat(planned.message()).startsWith("would install " + server.url("/v1.0.0/virtctl-v1.0.0-linux-amd64"));
    assertThat(planned.plan().diffs().get(0).after())
        .contains("sha256: " + FileServer.sha256(V1), "size: " + V1.length + " bytes", "mode: 0755");
    assertThat(dest).doesNotExist();

    assertThat(getUrl.apply(args()).changed()).isTrue();
    assertThat(Files.readAllBytes(dest)).isEqualTo(V1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest))).isEqualTo("rwxr-xr-x");

    ModuleRun.Outcome again = getUrl.apply(args());
    assertThat(again.changed()).isFalse();
    assertThat(again.plan().message())
        .isEqualTo(dest + " already has sha256 " + FileServer.sha256(V1).substring(0, 12) + "… and mode 0755");
    assertThat(server.downloads()).as("full downloads over three runs").isEqualTo(1);
    assertThat(server.notModified()).as("later runs revalidate with a conditional GET").isEqualTo(2);
    assertThat(dir.resolve("bin").toFile().list()).containsExactly("virtctl");
  }

  @Test
  void aChangedServerFileIsShownAsADiffAndReinstalled() throws Exception {
    Path dest = dir.resolve("bin/virtctl");
    getUrl.apply(args());
    server.put("/v1.0.0/virtctl-v1.0.0-linux-amd64", V2);

    ModuleRun.Outcome planned = getUrl.plan(args());
    assertThat(planned.changed()).isTrue();
    assertThat(planned.plan().diffs().get(0).before()).contains("sha256: " + FileServer.sha256(V1), "mode: 0755");
    assertThat(planned.plan().diffs().get(0).after()).contains("sha256: " + FileServer.sha256(V2));
    assertThat(Files.readAllBytes(dest)).isEqualTo(V1);

    assertThat(getUrl.apply(args()).changed()).isTrue();
    assertThat(Files.readAllBytes(dest)).isEqualTo(V2);
    assertThat(getUrl.apply(args()).changed()).isFalse();
  }

  @Test
  void aChecksumMismatchRefusesToInstallAndLeavesTheOldFile() throws Exception {
    Path dest = dir.resolve("bin/virtctl");
    Files.write(dest, V2);
    String pinned = FileServer.sha256("something else".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> getUrl.apply(args("checksum", "sha256:" + pinned)))
        .isInstanceOf(ModuleException.class)
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining("expected sha256 " + pinned)
        .hasMessageContaining("downloaded " + FileServer.sha256(V1))
        .hasMessageContaining(dest + " on fixture was left unchanged");
    assertThat(Files.readAllBytes(dest)).isEqualTo(V2);
    assertThat(dir.resolve("bin").toFile().list()).containsExactly("virtctl");
  }

  @Test
  void aPinnedChecksumThatTheHostAlreadyHasNeedsNoDownload() throws Exception {
    Path dest = dir.resolve("bin/virtctl");
    getUrl.apply(args());
    int before = server.downloads() + server.notModified();
    ModuleRun.Outcome again = getUrl.apply(args("checksum", "sha256:" + FileServer.sha256(V1).toUpperCase()));
    assertThat(again.changed()).isFalse();
    assertThat(server.downloads() + server.notModified()).isEqualTo(before);
    assertThat(Files.readAllBytes(dest)).isEqualTo(V1);
  }

  @Test
  void aModeDifferenceIsFixedInPlaceWithoutReplacingTheFile() throws Exception {
    Path dest = dir.resolve("bin/virtctl");
    getUrl.apply(args());
    Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rw-------"));
    Object inode = Files.getAttribute(dest, "unix:ino");

    ModuleRun.Outcome fixed = getUrl.apply(args());
    assertThat(fixed.plan().message()).isEqualTo("set mode of " + dest);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest))).isEqualTo("rwxr-xr-x");
    assertThat(Files.getAttribute(dest, "unix:ino")).isEqualTo(inode);
  }

  @Test
  void aMissingDirectoryIsAnErrorNamingTheHostAndThePath() {
    String dest = dir.resolve("nope/virtctl").toString();
    assertThatThrownBy(() -> getUrl.apply(args("dest", dest)))
        .hasMessageContaining("cannot install " + dest + " on fixture: its directory " + dir.resolve("nope")
            + " does not exist");
    assertThat(dir.resolve("nope")).doesNotExist();
  }

  @Test
  void manyHostsShareOneDownloadPerRun() throws Exception {
    DownloadCache shared = new DownloadCache(cache);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Plan>> runs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Path home = Files.createDirectories(dir.resolve("host" + i + "/bin"));
      runs.add(pool.submit(() -> {
        TestHost host = TestHost.live(Mode.APPLY, new ShellConnection(home), Map.of());
        host.service(DownloadCache.class, () -> shared); // the run's one cache, as the engine provides it
        Plan plan = new GetUrlModule().plan(new GetUrlModule().schema().bind("get_url",
            args("dest", home.resolve("virtctl").toString())), host);
        for (Action action : plan.actions()) {
          action.apply(host);
        }
        return plan;
      }));
    }
    for (Future<Plan> run : runs) {
      assertThat(run.get().changes()).isTrue();
    }
    pool.shutdown();
    for (int i = 0; i < 6; i++) {
      assertThat(Files.readAllBytes(dir.resolve("host" + i + "/bin/virtctl"))).isEqualTo(V1);
    }
    assertThat(server.downloads() + server.notModified()).as("requests for six hosts").isEqualTo(1);
  }

  @Test
  void headerValuesAreSecretAndAQueryTokenIsNotShown() throws Exception {
    TestHost host = TestHost.live(Mode.PLAN, new ShellConnection(dir), Map.of());
    Plan plan = new GetUrlModule().plan(new GetUrlModule().schema().bind("get_url", args("headers",
        Map.of("Authorization", "Bearer h-s3cr3t"), "url", server.url("/v1.0.0/virtctl-v1.0.0-linux-amd64?token=q"))),
        host);
    assertThat(host.secrets()).contains("Bearer h-s3cr3t");
    assertThat(server.lastHeaders()).containsEntry("authorization", "Bearer h-s3cr3t");
    String shown = plan.message() + plan.diffs() + plan.result() + plan.actions().get(0).describe();
    assertThat(shown).doesNotContain("h-s3cr3t").doesNotContain("token=q");
  }

  @Test
  void anHttpErrorNamesTheStatus() {
    assertThatThrownBy(() -> getUrl.plan(args("url", server.url("/missing"))))
        .hasMessageContaining("GET " + server.url("/missing") + " returned status 404");
  }
}
