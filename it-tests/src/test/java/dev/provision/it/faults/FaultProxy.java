package dev.provision.it.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A small HTTP proxy on 127.0.0.1 between a Kubernetes client (plain HTTP) and a real API server
 * (HTTPS, trusted through its CA): it forwards every request, except those a {@link Rule} picks,
 * which get an error status instead (500, 503, 409) with a Kubernetes Status body. It records
 * what it saw, so a test can check that a failed request was retried.
 */
final class FaultProxy implements AutoCloseable {

  /** Fails the next {@code times} requests with this method whose path contains {@code path}. */
  record Rule(String method, String path, String contentType, int status, AtomicInteger times) {
    boolean matches(HttpExchange ex) {
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      return ex.getRequestMethod().equals(method) && ex.getRequestURI().getPath().contains(path)
          && (contentType == null || (type != null && type.contains(contentType))) && times.get() > 0;
    }
  }

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
      "upgrade", "keep-alive", "expect", "http2-settings");

  private final HttpServer server;
  private final HttpClient upstream;
  private final String target;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();

  FaultProxy(String target, Path caCert) throws Exception {
    this.target = target;
    this.upstream = HttpClient.newBuilder().sslContext(trusting(caCert)).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fault-proxy");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void fail(String method, String path, String contentType, int status, int times) {
    rules.add(new Rule(method, path, contentType, status, new AtomicInteger(times)));
  }

  /** "METHOD path STATUS" lines, injected ones marked with a star. */
  List<String> log() {
    return List.copyOf(log);
  }

  void clear() {
    rules.clear();
    log.clear();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String line = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
      for (Rule rule : rules) {
        if (rule.matches(ex) && rule.times().getAndDecrement() > 0) {
          log.add(line + " " + rule.status() + "*");
          reply(ex, rule.status(), status(rule.status()).getBytes(StandardCharsets.UTF_8));
          return;
        }
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
          .timeout(Duration.ofSeconds(60))
          .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase())) {
          values.forEach(v -> request.header(name, v));
        }
      });
      HttpResponse<InputStream> response;
      try {
        response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        log.add(line + " 502");
        reply(ex, 502, status(502).getBytes(StandardCharsets.UTF_8));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      log.add(line + " " + response.statusCode());
      response.headers().map().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
          ex.getResponseHeaders().put(name, values);
        }
      });
      boolean empty = response.statusCode() == 204 || response.statusCode() == 304
          || "HEAD".equals(ex.getRequestMethod());
      ex.sendResponseHeaders(response.statusCode(), empty ? -1 : 0); // 0: chunked, so watches stream
      if (empty) {
        response.body().close();
        return;
      }
      try (InputStream in = response.body(); var out = ex.getResponseBody()) {
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
          out.write(buf, 0, n);
          out.flush();
        }
      }
    }
  }

  private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
  }

  private static String status(int code) {
    String reason = switch (code) {
      case 409 -> "Conflict";
      case 503 -> "ServiceUnavailable";
      default -> "InternalError";
    };
    String message = code == 409
        ? "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again"
        : "injected by the test proxy";
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
        + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
  }

  private static SSLContext trusting(Path caCert) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(caCert)) {
      trust.setCertificateEntry("lab-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
