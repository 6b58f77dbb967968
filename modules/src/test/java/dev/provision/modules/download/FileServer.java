package dev.provision.modules.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP (or HTTPS) server on 127.0.0.1 for download tests: serves files set by the test,
 * with an ETag so conditional GETs get 304, and counts full downloads and 304 answers.
 */
final class FileServer implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger downloads = new AtomicInteger();
  private final AtomicInteger notModified = new AtomicInteger();
  private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

  private FileServer(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.start();
  }

  static FileServer http() throws IOException {
    return new FileServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
  }

  static FileServer https(SSLContext tls) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new FileServer(server);
  }

  void put(String path, byte[] content) {
    files.put(path, content);
  }

  String url(String path) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Responses with a body (200). */
  int downloads() {
    return downloads.get();
  }

  int notModified() {
    return notModified.get();
  }

  /** Request headers of the last request, lower-case names. */
  Map<String, String> lastHeaders() {
    return Map.copyOf(lastHeaders);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      lastHeaders.clear();
      exchange.getRequestHeaders().forEach((k, v) -> lastHeaders.put(k.toLowerCase(), String.join(",", v)));
      byte[] body = files.get(exchange.getRequestURI().getRawPath());
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String etag = "\"" + sha256(body) + "\"";
      if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        notModified.incrementAndGet();
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      downloads.incrementAndGet();
      exchange.getResponseHeaders().set("ETag", etag);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
