package dev.provision.modules.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.provision.module.ModuleException;
import dev.provision.module.testing.ModuleRun;
import dev.provision.module.testing.ShellConnection;
import dev.provision.modules.download.TlsLab;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uri} against a real HTTPS server on 127.0.0.1 whose certificate a private CA (made with openssl)
 * signed: refused with a clear message by default, trusted with {@code ca_path} (relative to the playbook),
 * and taken as it is with {@code validate_certs: false}, as Ansible's uri does.
 */
class UriHttpsTest {

  @TempDir Path dir;
  private HttpsServer server;
  private String url;
  private final AtomicInteger served = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    TlsLab tls = TlsLab.create(dir);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext));
    server.createContext("/health", exchange -> {
      served.incrementAndGet();
      byte[] body = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    url = "https://127.0.0.1:" + server.getAddress().getPort() + "/health";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ModuleRun uri() {
    return new ModuleRun(new UriModule(), new ShellConnection(dir), Map.of("playbook_dir", dir.toString()));
  }

  @Test
  void anUntrustedCertificateFailsThePlanWithWhatToDo() {
    assertThatThrownBy(() -> uri().plan(Map.of("url", url))).isInstanceOf(ModuleException.class)
        .hasMessageStartingWith("GET " + url + ": TLS verification failed (")
        .hasMessageEndingWith("); if the server uses a private CA, give it with ca_path");
    assertThat(served).hasValue(0);
  }

  @Test
  void caPathTrustsThePrivateCaInPlanAndApplyAlike() throws Exception {
    for (ModuleRun.Outcome o : new ModuleRun.Outcome[] {uri().plan(Map.of("url", url, "ca_path", "ca.pem",
        "return_content", true)), uri().apply(Map.of("url", url, "ca_path", "ca.pem", "return_content", true))}) {
      assertThat(o.changed()).isFalse();
      assertThat(o.data()).containsEntry("status", 200L).containsEntry("json", Map.of("ok", true));
    }
    assertThat(served).hasValue(2);
  }

  @Test
  void validateCertsFalseTakesTheCertificateAsItIs() throws Exception {
    ModuleRun.Outcome o = uri().apply(Map.of("url", url, "validate_certs", false, "return_content", true));
    assertThat(o.data()).containsEntry("status", 200L).containsEntry("json", Map.of("ok", true));
    assertThat(served).hasValue(1);
  }
}
