package dev.provision.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.it.support.CliProcess;
import dev.provision.lab.ssh.SshLabFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 5, over real SSH: a secret given to {@code shell} and {@code command} through
 * {@code env:} is never in any process's argv on the host while the task runs (every user can read
 * those with {@code ps}), and the command still sees it. The test host is an sshd on this machine,
 * so this machine's {@code ps} is the host's; the sampler must see the task's own {@code sleep},
 * which shows it can see what runs.
 */
class SecretsInPsTest {

  @RegisterExtension
  static final SshLabFixture LAB = SshLabFixture.of(1, "127.0.9.31");

  private static final String SECRET = "planted-api-token-5d1e8c";

  @TempDir Path work;

  @Test
  void anEnvSecretNeverShowsInPsAndTheCommandStillGetsIt() throws Exception {
    Path playbook = Files.writeString(work.resolve("site.yaml"), """
        - hosts: lab
          gather_facts: false
          tasks:
            - shell: 'sleep 3.17; printf %s "$API_TOKEN" > {{ lab_root }}/shell-token'
              args:
                env: {API_TOKEN: "{{ token }}"}
            - command: sleep 3.18
              args:
                env: {API_TOKEN: "{{ token }}"}
        """);
    Sampled sampled = runSampling(playbook);
    List<String> seen = sampled.seen();
    Cli run = sampled.run();

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(seen).as("the sampler saw the tasks' commands").anyMatch(l -> l.contains("sleep 3.17"))
        .anyMatch(l -> l.contains("sleep 3.18"));
    assertThat(seen).as("a process's argv on the host").noneMatch(l -> l.contains(SECRET));
    assertThat(Files.readString(LAB.lab().host(0).root().resolve("shell-token"))).isEqualTo(SECRET);
  }

  /**
   * {@code get_url} with {@code download: host}: the host's curl fetches a URL whose query holds a
   * token, with an Authorization header; neither is in any argv on the host (not curl's, not the
   * shell's, not the login shell's), while the sampler sees curl itself, and the file arrives.
   */
  @Test
  void aHostDownloadsUrlTokenAndAuthorizationHeaderNeverShowInPs() throws Exception {
    byte[] body = "fetched by the host\n".getBytes(StandardCharsets.UTF_8);
    java.util.List<String> seenAuthorization = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/slow", exchange -> {
      seenAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      try {
        Thread.sleep(2_500); // long enough for the sampler to see curl
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      Path playbook = Files.writeString(work.resolve("fetch.yaml"), """
          - hosts: lab
            gather_facts: false
            tasks:
              - get_url:
                  url: "http://127.0.0.1:%d/slow?token={{ token }}"
                  dest: "{{ lab_root }}/fetched"
                  download: host
                  headers: {Authorization: "Bearer {{ token }}"}
          """.formatted(server.getAddress().getPort()));
      Sampled sampled = runSampling(playbook);
      List<String> seen = sampled.seen();
      Cli run = sampled.run();
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(seen).as("the sampler saw the host's curl").anyMatch(l -> l.startsWith("curl ")
          && l.contains("-K /dev/fd/3"));
      assertThat(seen).as("a process's argv on the host").noneMatch(l -> l.contains(SECRET));
      assertThat(seenAuthorization).as("the server got the header").contains("Bearer " + SECRET);
      assertThat(Files.readString(LAB.lab().host(0).root().resolve("fetched"))).isEqualTo("fetched by the host\n");
      assertThat(run.stdout() + run.stderr()).doesNotContain(SECRET);
    } finally {
      server.stop(0);
    }
  }

  private record Sampled(List<String> seen, Cli run) {}

  /** Runs the playbook with the token from a {@code --secrets} file, sampling {@code ps} meanwhile. */
  private Sampled runSampling(Path playbook) throws IOException, InterruptedException {
    // from a file: a secret on the CLI's own command line would be in ps on this machine
    Path vars = Files.writeString(work.resolve("secrets.yaml"), "token: " + SECRET + "\n");
    List<String> args = List.of(playbook.toString(), "-i", LAB.inventory().toString(), "--secrets", vars.toString(),
        "--no-color");
    try (CliProcess cli = CliProcess.start(work, Map.of(), args)) {
      List<String> seen = sample(cli, 60);
      return new Sampled(seen, cli.await(60));
    }
  }

  /** Every distinct {@code ps} line seen until the CLI exits (at most {@code seconds}). */
  private static List<String> sample(CliProcess cli, int seconds) throws IOException, InterruptedException {
    java.util.Set<String> lines = new java.util.LinkedHashSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && ProcessHandle.of(cli.pid()).map(ProcessHandle::isAlive).orElse(false)) {
      Process ps = new ProcessBuilder("ps", "-eo", "args", "--no-headers").redirectErrorStream(true).start();
      String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      ps.waitFor();
      out.lines().forEach(lines::add);
      Thread.sleep(20);
    }
    return List.copyOf(lines);
  }
}
