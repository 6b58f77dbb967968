package dev.provision.modules.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.provision.module.ModuleException;
import dev.provision.module.testing.ModuleRun;
import dev.provision.module.testing.ShellConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uri} against a real HTTP server on 127.0.0.1 (the JDK's): a GET reads in a plan and an
 * apply alike; a POST is only described by a plan and sent once by the apply; bodies, status codes,
 * redirects and basic authentication as Ansible's uri does them; the password never in the result.
 */
class UriLiveTest {

  @TempDir Path dir;
  private HttpServer server;
  private String base;
  private final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/items", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
          + body);
      reply(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200, "application/json",
          "{\"items\": [\"db\"], \"count\": 1}");
    });
    server.createContext("/old", exchange -> {
      exchange.getResponseHeaders().add("Location", "/items");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.createContext("/secret", exchange -> reply(exchange, 200, "text/plain", "welcome"))
        .setAuthenticator(new BasicAuthenticator("lab") {
          @Override
          public boolean checkCredentials(String user, String password) {
            return user.equals("admin") && password.equals("s3cret-pw");
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private ModuleRun uri() {
    return new ModuleRun(new UriModule(), new ShellConnection(dir), Map.of("playbook_dir", dir.toString()));
  }

  @Test
  void getReadsInPlanAndApplyAlikeAndParsesJson() throws Exception {
    Map<String, Object> args = Map.of("url", base + "/items", "return_content", true);
    ModuleRun.Outcome planned = uri().plan(args);
    ModuleRun.Outcome applied = uri().apply(args);
    for (ModuleRun.Outcome o : List.of(planned, applied)) {
      assertThat(o.changed()).isFalse();
      assertThat(o.data()).containsEntry("status", 200L).containsEntry("content_type", "application/json")
          .containsEntry("json", Map.of("items", List.of("db"), "count", 1));
    }
    assertThat(received).hasSize(2);
    assertThat(uri().apply(Map.of("url", base + "/items")).data()).doesNotContainKey("content");
  }

  @Test
  void postIsOnlyDescribedByThePlanAndSentOnceByTheApply() throws Exception {
    Map<String, Object> args = Map.of("url", base + "/items", "method", "POST", "body_format", "json",
        "body", Map.of("name", "db"), "status_code", List.of(200, 201));
    ModuleRun.Outcome planned = uri().plan(args);
    assertThat(planned.changed()).isTrue();
    assertThat(planned.message()).isEqualTo("would POST " + base + "/items");
    assertThat(received).isEmpty();
    ModuleRun.Outcome applied = uri().apply(args);
    assertThat(applied.data()).containsEntry("status", 201L);
    assertThat(received).containsExactly("POST application/json {\"name\":\"db\"}");

    uri().apply(Map.of("url", base + "/items", "method", "PUT", "body_format", "form-urlencoded",
        "body", Map.of("a b", "c&d")));
    assertThat(received.get(1)).isEqualTo("PUT application/x-www-form-urlencoded a+b=c%26d");
  }

  @Test
  void statusCodesRedirectsAndBasicAuth() throws Exception {
    assertThatThrownBy(() -> uri().apply(Map.of("url", base + "/items", "method", "POST")))
        .isInstanceOf(ModuleException.class)
        .hasMessage("POST " + base + "/items returned status 201, expected 200");
    ModuleRun.Outcome followed = uri().apply(Map.of("url", base + "/old"));
    assertThat(followed.data()).containsEntry("status", 200L).containsEntry("redirected", true)
        .containsEntry("url", base + "/items");
    assertThat(uri().apply(Map.of("url", base + "/old", "follow_redirects", "none", "status_code", 302)).data())
        .containsEntry("status", 302L);

    assertThatThrownBy(() -> uri().apply(Map.of("url", base + "/secret")))
        .hasMessageContaining("returned status 401");
    for (boolean force : new boolean[] {false, true}) {
      ModuleRun.Outcome in = uri().apply(Map.of("url", base + "/secret", "url_username", "admin",
          "url_password", "s3cret-pw", "force_basic_auth", force, "return_content", true));
      assertThat(in.data()).containsEntry("content", "welcome");
      assertThat(in.data().toString()).doesNotContain("s3cret-pw");
    }
  }
}
