package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, items 2 and 10, through the whole CLI against a real HTTP server on 127.0.0.1 (a raw
 * socket server, so that it can misbehave): a body that stops after 1 KiB fails within its
 * {@code timeout} for {@code http_get} and {@code get_url}, a redirect loop says so, a
 * {@code content_pattern} refuses an HTML page, and a body past {@code max_body} fails clearly.
 */
class HttpFaultsCliTest {

  @TempDir
  Path dir;

  private ServerSocket server;
  private final List<Socket> clients = new ArrayList<>();
  private volatile Function<String, byte[]> answer;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread accept = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          synchronized (clients) {
            clients.add(s);
          }
          Thread t = new Thread(() -> serve(s));
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    accept.setDaemon(true);
    accept.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    synchronized (clients) {
      for (Socket s : clients) {
        s.close();
      }
    }
  }

  /** Answers one request with {@code answer}'s bytes, then closes (Connection: close) or holds the connection, silent. */
  private void serve(Socket s) {
    try {
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          return;
        }
        head.append((char) c);
      }
      String path = head.toString().split(" ")[1];
      OutputStream out = s.getOutputStream();
      byte[] response = answer.apply(path);
      out.write(response);
      out.flush();
      if (new String(response, StandardCharsets.ISO_8859_1).contains("Connection: close")) {
        s.close();
      } else {
        Thread.sleep(20_000); // then close, so that a client without a stall timeout fails the test, not hangs it
        s.close();
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  private String base() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private static byte[] headersAndOneKib() {
    byte[] head = "HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\nContent-Type: application/octet-stream\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + 1024];
    System.arraycopy(head, 0, all, 0, head.length);
    return all;
  }

  @Test
  void httpGetTimesOutWhenTheBodyStopsAfterTheHeaders() throws Exception {
    answer = path -> headersAndOneKib();
    long start = System.nanoTime();
    MainTest.Result r = apply("http_get: {url: \"" + base() + "/stall\", timeout: 3}");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).containsPattern("failed\\s+localhost\\s+.*no progress for 3 s");
    assertThat(took).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void getUrlTimesOutWhenTheBodyStopsAfterTheHeadersAndLeavesNoPartFile() throws Exception {
    answer = path -> headersAndOneKib();
    Path cache = Files.createDirectories(dir.resolve("cache"));
    String previous = System.setProperty("provision.cache.dir", cache.toString());
    try {
      MainTest.Result r = apply("get_url: {url: \"" + base() + "/stall.bin\", dest: \"" + dir.resolve("got.bin")
          + "\", timeout: 3}");

      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
      assertThat(r.out()).containsPattern("failed\\s+localhost\\s+.*no progress for 3 s");
      assertThat(dir.resolve("got.bin")).doesNotExist();
      try (Stream<Path> left = Files.list(cache)) {
        assertThat(left.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
      }
    } finally {
      restore(previous);
    }
  }

  @Test
  void aRedirectLoopIsNamedWithItsHops() throws Exception {
    answer = path -> ("HTTP/1.1 302 Found\r\nLocation: /loop" + (path.length() % 7) + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    MainTest.Result r = apply("http_get: {url: \"" + base() + "/loop\", timeout: 5}");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).containsPattern("failed\\s+localhost\\s+.*redirect loop after \\d+ hops");
    assertThat(r.out()).doesNotContain("returned status 302");

    Path cache = Files.createDirectories(dir.resolve("cache"));
    String previous = System.setProperty("provision.cache.dir", cache.toString());
    try {
      MainTest.Result g = apply("get_url: {url: \"" + base() + "/loop.bin\", dest: \"" + dir.resolve("got.bin")
          + "\", timeout: 5}");
      assertThat(g.out()).containsPattern("failed\\s+localhost\\s+.*redirect loop after \\d+ hops");
    } finally {
      restore(previous);
    }
  }

  @Test
  void aContentPatternRefusesAnHtmlPageAndAcceptsAVersion() throws Exception {
    String html = "<!DOCTYPE html><html><body>Please log in to the guest network</body></html>";
    answer = path -> (path.equals("/portal/stable.txt")
        ? "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: " + html.length()
            + "\r\n\r\n" + html
        : "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 8\r\n\r\nv1.4.0\n\n")
        .getBytes(StandardCharsets.US_ASCII);
    String pattern = "'^v\\d+\\.\\d+\\.\\d+$'";

    MainTest.Result portal = apply("http_get: {url: \"" + base() + "/portal/stable.txt\", content_pattern: "
        + pattern + "}\n      register: v\n    - debug: {msg: \"{{ v.content }}\"}");
    assertThat(portal.code()).as(portal.out() + portal.err()).isEqualTo(1);
    assertThat(portal.out()).containsPattern("failed\\s+localhost\\s+.*does not match content_pattern")
        .contains("an HTML page");
    assertThat(portal.out()).containsPattern("skipped\\s+localhost.*upstream failed");

    MainTest.Result good = apply("http_get: {url: \"" + base() + "/stable.txt\", content_pattern: " + pattern + "}");
    assertThat(good.code()).as(good.out() + good.err()).isZero();
  }

  @Test
  void aBodyPastMaxBodyFailsWithTheCap() throws Exception {
    answer = path -> {
      byte[] head = "HTTP/1.1 200 OK\r\nContent-Length: 4096\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);
      byte[] all = new byte[head.length + 4096];
      System.arraycopy(head, 0, all, 0, head.length);
      return all;
    };
    MainTest.Result r = apply("http_get: {url: \"" + base() + "/big\", max_body: 1024}");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).containsPattern("failed\\s+localhost\\s+.*larger than max_body \\(1024 bytes\\)");
  }

  /** Issue 11, item 10: get_url without a checksum refuses an HTML page where an executable or a binary is expected. */
  @Test
  void getUrlRefusesAnHtmlPageAsAnExecutableButInstallsAnHtmlFile() throws Exception {
    String html = "\n<!DOCTYPE html>\n<html><body>Sign in to continue</body></html>\n";
    answer = path -> ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: "
        + html.length() + "\r\n\r\n" + html).getBytes(StandardCharsets.US_ASCII);
    Path cache = Files.createDirectories(dir.resolve("cache"));
    String previous = System.setProperty("provision.cache.dir", cache.toString());
    try {
      MainTest.Result exe = apply("get_url: {url: \"" + base() + "/virtctl\", dest: \"" + dir.resolve("virtctl")
          + "\", mode: \"0755\"}");
      assertThat(exe.code()).as(exe.out() + exe.err()).isEqualTo(1);
      assertThat(exe.out()).containsPattern("failed\\s+localhost\\s+.*the server sent an HTML page where an executable was expected");
      assertThat(dir.resolve("virtctl")).doesNotExist();

      MainTest.Result bin = apply("get_url: {url: \"" + base() + "/image\", dest: \"" + dir.resolve("disk.img")
          + "\"}");
      assertThat(bin.out()).contains("the server sent an HTML page where a binary file was expected");
      assertThat(dir.resolve("disk.img")).doesNotExist();

      MainTest.Result page = apply("get_url: {url: \"" + base() + "/index.html\", dest: \""
          + dir.resolve("index.html") + "\"}");
      assertThat(page.code()).as(page.out() + page.err()).isZero();
      assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo(html);
    } finally {
      restore(previous);
    }
  }

  /** Issue 11, item 4: partial downloads of a killed run are removed by the next; a live run's and others' stay. */
  @Test
  void aLaterRunRemovesOnlyThePartialDownloadsOfRunsThatAreGone() throws Exception {
    answer = path -> "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 6\r\n\r\nhello\n"
        .getBytes(StandardCharsets.US_ASCII);
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long dead = gone.pid();
    Path orphan = Files.writeString(cache.resolve(".download-pid" + dead + "-123.part"), "half");
    Path orphanMeta = Files.writeString(cache.resolve(".meta-pid" + dead + "-9.part"), "half");
    Path live = Files.writeString(cache.resolve(".download-pid" + ProcessHandle.current().pid() + "-5.part"), "busy");
    Path foreign = Files.writeString(cache.resolve(".download-77.part"), "not ours");
    String previous = System.setProperty("provision.cache.dir", cache.toString());
    try {
      MainTest.Result r = apply("get_url: {url: \"" + base() + "/hello.txt\", dest: \"" + dir.resolve("hello.txt")
          + "\"}");

      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(dir.resolve("hello.txt")).hasContent("hello");
      assertThat(orphan).doesNotExist();
      assertThat(orphanMeta).doesNotExist();
      assertThat(live).exists();
      assertThat(foreign).exists();
    } finally {
      restore(previous);
    }
  }

  private static void restore(String previous) {
    if (previous == null) {
      System.clearProperty("provision.cache.dir");
    } else {
      System.setProperty("provision.cache.dir", previous);
    }
  }

  private MainTest.Result apply(String task) throws IOException {
    Path inventory = Files.writeString(dir.resolve("hosts.ini"), "localhost ansible_connection=local\n");
    Path playbook = Files.writeString(dir.resolve("site.yaml"), """
        - hosts: all
          gather_facts: false
          tasks:
            - TASK
        """.replace("TASK", task));
    return MainTest.run(playbook.toString(), "-i", inventory.toString(), "--no-color", "-v");
  }
}
