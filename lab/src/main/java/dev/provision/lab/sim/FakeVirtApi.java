package dev.provision.lab.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * virt-api's aggregated API ({@code subresources.kubevirt.io/v1}) as far as the API server needs it: discovery.
 * The simulated virt-operator registers it with the APIService {@code v1.subresources.kubevirt.io}, through an
 * ExternalName Service {@code virt-api} that points at this HTTPS server on 127.0.0.1 (a self-signed key made by the
 * JDK's keytool; the APIService skips TLS verification). An APIService that does not answer makes discovery fail,
 * and with it every namespace's deletion, so a lab without this would not be KubeVirt's cluster. The subresources
 * themselves (console, start, stop...) are not served.
 */
final class FakeVirtApi implements AutoCloseable {

  static final String GROUP = "subresources.kubevirt.io";
  private static final String PASSWORD = "lab-only-self-signed";

  private final HttpsServer server;
  private final ExecutorService threads;

  private FakeVirtApi(HttpsServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Starts on a free port of 127.0.0.1. */
  static FakeVirtApi start() {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.setHttpsConfigurator(new HttpsConfigurator(tls()));
      server.createContext("/", FakeVirtApi::answer);
      ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "simulated-virt-api");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(threads);
      server.start();
      return new FakeVirtApi(server, threads);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("simulated virt-api: cannot start on 127.0.0.1: " + e.getMessage(), e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange) throws IOException {
    try (exchange; InputStream ignored = exchange.getRequestBody()) {
      String path = exchange.getRequestURI().getPath();
      String body;
      int status = 200;
      if (path.equals("/apis/" + GROUP + "/v1")) {
        // subresources only (names with a slash): namespace deletion finds nothing here to list or delete
        body = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + GROUP + "/v1\","
            + "\"resources\":[" + subresource("virtualmachineinstances/console", "VirtualMachineInstance") + ","
            + subresource("virtualmachines/start", "VirtualMachine") + ","
            + subresource("virtualmachines/stop", "VirtualMachine") + "]}";
      } else if (path.equals("/apis/" + GROUP) || path.equals("/apis")) {
        String group = "{\"name\":\"" + GROUP + "\",\"versions\":[{\"groupVersion\":\"" + GROUP
            + "/v1\",\"version\":\"v1\"}],\"preferredVersion\":{\"groupVersion\":\"" + GROUP
            + "/v1\",\"version\":\"v1\"}}";
        body = path.equals("/apis") ? "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[" + group + "]}"
            : group.replaceFirst("\\{", "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",");
      } else if (path.equals("/healthz") || path.equals("/readyz")) {
        body = "ok";
      } else {
        status = 404;
        body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404,"
            + "\"message\":\"the simulated virt-api serves discovery only\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String subresource(String name, String kind) {
    return "{\"name\":\"" + name + "\",\"singularName\":\"\",\"namespaced\":true,\"kind\":\"" + kind
        + "\",\"verbs\":[\"get\",\"update\"]}";
  }

  /** A throw-away self-signed key pair, made by keytool (the JDK has no public API to sign a certificate). */
  private static SSLContext tls() throws IOException {
    Path dir = Files.createTempDirectory("provision-virt-api");
    Path store = dir.resolve("virt-api.p12");
    try {
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "virt-api", "-keyalg", "EC",
          "-groupname", "secp256r1", "-dname", "CN=virt-api.kubevirt.svc", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
          "-validity", "3650", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD,
          "-keypass", PASSWORD).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool failed: " + output.strip());
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, PASSWORD.toCharArray());
      }
      KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      managers.init(keys, PASSWORD.toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(managers.getKeyManagers(), null, null);
      return tls;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the simulated virt-api's key", e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("simulated virt-api's key: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(store);
      Files.deleteIfExists(dir);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
