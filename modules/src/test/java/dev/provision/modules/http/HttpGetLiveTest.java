package dev.provision.modules.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.provision.module.ModuleException;
import dev.provision.module.testing.ModuleRun;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http_get} against real HTTP and HTTPS servers on 127.0.0.1, with certificates made by the
 * JDK's keytool. The module runs with no host connection at all.
 */
class HttpGetLiveTest {

  @TempDir Path dir;
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private ModuleRun httpGet() {
    return new ModuleRun(new HttpGetModule(), null, Map.of("playbook_dir", dir.toString()));
  }

  private String serve(HttpServer s) throws Exception {
    server = s;
    s.createContext("/stable.txt", exchange -> {
      byte[] body = ("v1.3.0\n" + exchange.getRequestHeaders().getFirst("X-Probe")).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    s.createContext("/missing", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    s.createContext("/slow", exchange -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    s.start();
    return "127.0.0.1:" + s.getAddress().getPort();
  }

  private static InetSocketAddress loopback() throws Exception {
    return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
  }

  @Test
  void getRegistersStatusBodyTrimmedContentAndHeadersAsANoop() throws Exception {
    String at = serve(HttpServer.create(loopback(), 0));
    ModuleRun.Outcome out = httpGet().plan(Map.of("url", "http://" + at + "/stable.txt",
        "headers", Map.of("X-Probe", "p1")));
    assertThat(out.changed()).isFalse();
    assertThat(out.plan().message()).isEqualTo("GET http://" + at + "/stable.txt returned 200");
    assertThat(out.data()).containsEntry("status", 200L).containsEntry("body", "v1.3.0\np1")
        .containsEntry("content", "v1.3.0\np1");
    assertThat(out.data().get("headers")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("content-type", "text/plain");
  }

  @Test
  void unexpectedStatusFailsWithTheResponseRegistered() throws Exception {
    String at = serve(HttpServer.create(loopback(), 0));
    assertThatThrownBy(() -> httpGet().apply(Map.of("url", "http://" + at + "/missing")))
        .isInstanceOf(ModuleException.class).hasMessageContaining("returned status 404, expected 200")
        .satisfies(e -> assertThat(((ModuleException) e).data()).containsEntry("status", 404L));
    assertThat(httpGet().apply(Map.of("url", "http://" + at + "/missing", "status_code", List.of(200, 404)))
        .data()).containsEntry("status", 404L);
  }

  @Test
  void timeoutFailsTheTask() throws Exception {
    String at = serve(HttpServer.create(loopback(), 0));
    assertThatThrownBy(() -> httpGet().apply(Map.of("url", "http://" + at + "/slow", "timeout", 1)))
        .isInstanceOf(ModuleException.class).hasMessageContaining("failed");
  }

  @Test
  void httpsIsVerifiedAndCaBundleAddsTrust() throws Exception {
    String at = serve(https(certificate("good", "ip:127.0.0.1")));
    String url = "https://" + at + "/stable.txt";
    assertThatThrownBy(() -> httpGet().apply(Map.of("url", url)))
        .isInstanceOf(ModuleException.class).hasMessageContaining("TLS verification failed")
        .hasMessageContaining("PKIX path building failed").hasMessageContaining("ca_bundle");
    ModuleRun.Outcome out = httpGet().apply(Map.of("url", url, "ca_bundle", "good.pem"));
    assertThat(out.data()).containsEntry("status", 200L);
  }

  @Test
  void caBundleDoesNotSwitchOffHostNameChecks() throws Exception {
    String at = serve(https(certificate("other", "dns:other.example")));
    assertThatThrownBy(() -> httpGet().apply(Map.of("url", "https://" + at + "/stable.txt", "ca_bundle", "other.pem")))
        .isInstanceOf(ModuleException.class).hasMessageContaining("TLS verification failed")
        .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1");
  }

  /** A self-signed EC certificate with the given subjectAltName; its PEM is written to name.pem. */
  private Path certificate(String name, String san) throws Exception {
    Path store = dir.resolve(name + ".p12");
    keytool("-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
        "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
        "-ext", "san=" + san, "-validity", "2");
    keytool("-exportcert", "-rfc", "-keystore", store.toString(), "-storepass", "changeit", "-alias", "server",
        "-file", dir.resolve(name + ".pem").toString());
    return store;
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static HttpsServer https(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(loopback(), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    return server;
  }
}
