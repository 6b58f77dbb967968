package dev.provision.modules.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.gate.RealParts;
import dev.provision.module.testing.ModuleRun;
import dev.provision.module.testing.ShellConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTPS with a private CA made in the test: verification is always on, so without
 * {@code ca_bundle} the download is refused, and with it the file installs, on the control node
 * (JDK HttpClient) and on the host (curl).
 */
class GetUrlTlsTest {

  private static final byte[] BODY = "tls binary\n".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path pki;
  private static TlsLab tls;
  private static FileServer server;
  @TempDir Path dir;
  @TempDir Path cache;
  private ModuleRun getUrl;

  @BeforeAll
  static void startServer() throws Exception {
    tls = TlsLab.create(pki);
    server = FileServer.https(tls.serverContext);
    server.put("/virtctl", BODY);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void setUp() {
    System.setProperty("provision.cache.dir", cache.toString());
    getUrl = new ModuleRun(new GetUrlModule(), new ShellConnection(dir), Map.of("playbook_dir", pki.toString()));
  }

  @AfterEach
  void clearCache() {
    System.clearProperty("provision.cache.dir");
  }

  private Map<String, Object> args(String download, Object... more) {
    Map<String, Object> args = new LinkedHashMap<>(Map.of("url", server.url("/virtctl"),
        "dest", dir.resolve("virtctl").toString(), "download", download));
    for (int i = 0; i < more.length; i += 2) {
      args.put((String) more[i], more[i + 1]);
    }
    return args;
  }

  @ParameterizedTest(name = "download: {0}")
  @ValueSource(strings = {"control", "host"})
  void anUnknownCaIsRefusedWithAHint(String download) {
    if (download.equals("host")) {
      RealParts.requirePrograms("curl", "curl");
    }
    assertThatThrownBy(() -> getUrl.apply(args(download)))
        .hasMessageContaining("TLS verification failed")
        .hasMessageContaining("give it with ca_bundle");
    assertThat(dir.toFile().list()).isEmpty();
  }

  @ParameterizedTest(name = "download: {0}")
  @ValueSource(strings = {"control", "host"})
  void theCaBundleIsTrustedInAdditionToTheSystemCas(String download) throws Exception {
    if (download.equals("host")) {
      RealParts.requirePrograms("curl", "curl");
    }
    assertThat(getUrl.apply(args(download, "ca_bundle", "ca.pem")).changed()).isTrue();
    assertThat(Files.readAllBytes(dir.resolve("virtctl"))).isEqualTo(BODY);
    assertThat(getUrl.apply(args(download, "ca_bundle", tls.caPem.toString())).changed()).isFalse();
  }

  @Test
  void aCaBundleThatIsNotPemFailsClearly() throws Exception {
    Files.writeString(pki.resolve("junk.pem"), "not a certificate\n");
    assertThatThrownBy(() -> getUrl.plan(args("control", "ca_bundle", "junk.pem")))
        .hasMessageContaining("ca_bundle " + pki.resolve("junk.pem"));
  }
}
