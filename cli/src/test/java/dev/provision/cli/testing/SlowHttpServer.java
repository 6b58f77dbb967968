package dev.provision.cli.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * A real HTTP server on 127.0.0.1 that sends one body slowly (in chunks, with pauses), so that a
 * download lasts long enough to report progress. Serves {@code /slow.bin} and {@code /slow.txt}.
 */
public final class SlowHttpServer implements AutoCloseable {

  private final HttpServer server;

  private SlowHttpServer(HttpServer server) {
    this.server = server;
  }

  /** {@code chunks} pieces of {@code chunkBytes} bytes, {@code pauseMs} apart. */
  public static SlowHttpServer start(int chunks, int chunkBytes, long pauseMs) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] chunk = new byte[chunkBytes];
    Arrays.fill(chunk, (byte) 'x');
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, (long) chunks * chunkBytes);
        try (OutputStream out = exchange.getResponseBody()) {
          for (int i = 0; i < chunks; i++) {
            out.write(chunk);
            out.flush();
            Thread.sleep(pauseMs);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "slow-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return new SlowHttpServer(server);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
