package dev.provision.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.lab.kube.KubeApiServerFixture;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes faults through the CLI against a real kube-apiserver: 500, 503 and 409 (non-apply)
 * injected by a proxy are retried with bounded backoff; a persistent 503 fails in bounded time;
 * an apply conflict names the field manager that owns the field; the API server restarted in the
 * middle of a run (during a {@code kube_wait}) is reconnected to; and the kubeconfig token never reaches any output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeFaultsTest {

  @RegisterExtension
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  private static FaultProxy proxy;
  private static Path proxyKubeconfig;
  private static Path inventory;
  @TempDir static Path work;

  @BeforeAll
  static void startProxy() throws Exception {
    proxy = new FaultProxy(KUBE.server(), KUBE.stateDir().resolve("pki/ca.crt"));
    String config = Files.readString(KUBE.kubeconfig()).replace(KUBE.server(), proxy.url());
    proxyKubeconfig = Files.writeString(work.resolve("proxy.kubeconfig"), config);
    inventory = Files.writeString(work.resolve("local.ini"), "localhost ansible_connection=local\n");
    KUBE.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata().withName("faults").endMetadata().build()).createOr(r -> r.update()); // each test runs alone too
  }

  @AfterAll
  static void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @BeforeEach
  void noFaults() {
    proxy.clear();
  }

  private static Cli provision(String playbook, Path kubeconfig, String... more) throws IOException {
    Path file = Files.createTempFile(work, "site-", ".yaml");
    Files.writeString(file, "- hosts: localhost\n  gather_facts: false\n  tasks:\n" + playbook);
    List<String> args = new ArrayList<>(List.of(file.toString(), "-i", inventory.toString(), "-e",
        "kubeconfig=" + kubeconfig, "--output", "json"));
    args.addAll(List.of(more));
    return Cli.run(args);
  }

  private static final String OBJECTS = """
          - name: objects
            kube_apply:
              definition: |
                apiVersion: v1
                kind: Namespace
                metadata: {name: faults}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: faults}
                data: {color: blue}
          - name: recolour
            kube_patch: {api_version: v1, kind: ConfigMap, name: settings, namespace: faults, patch: {data: {color: green}}}
          - name: read
            kube_info: {api_version: v1, kind: ConfigMap, name: settings, namespace: faults, fields: {color: .data.color}}
            register: cm
          - assert: {that: ["cm.fields.color == 'green'"]}
      """;

  @Test
  @Order(1)
  void status500And503AndANonApply409AreRetriedWithBackoff() throws IOException {
    String cm = "/namespaces/faults/configmaps/settings";
    proxy.fail("PATCH", cm, "apply-patch", 500, 1);
    proxy.fail("GET", cm, null, 503, 2);
    proxy.fail("PATCH", cm, "merge-patch", 409, 1);

    Cli run = provision(OBJECTS, proxyKubeconfig);

    assertThat(run.exitCode()).as(run + "\n" + proxy.log()).isZero();
    List<String> log = proxy.log();
    assertThat(log).contains("PATCH /api/v1" + cm + " 500*", "GET /api/v1" + cm + " 503*",
        "PATCH /api/v1" + cm + " 409*");
    assertThat(log.stream().filter(l -> l.endsWith("*"))).hasSize(4);
    assertThat(log.get(log.size() - 1)).doesNotEndWith("*");
    ConfigMap live = KUBE.client().configMaps().inNamespace("faults").withName("settings").get();
    assertThat(live.getData()).containsEntry("color", "green");
  }

  @Test
  @Order(2)
  void aPersistent503FailsInBoundedTimeNamingTheStatusAndARerunConverges() throws IOException {
    proxy.fail("GET", "/namespaces/faults/configmaps/settings", null, 503, 1000);
    String read = """
          - name: read
            kube_info: {api_version: v1, kind: ConfigMap, name: settings, namespace: faults}
        """;
    long t0 = System.nanoTime();
    Cli run = provision(read, proxyKubeconfig);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(String.valueOf(run.result("localhost", "read").get("message"))).contains("503");
    long attempts = proxy.log().stream().filter(l -> l.startsWith("GET") && l.endsWith("503*")).count();
    assertThat(attempts).as("bounded retries: %s", proxy.log()).isBetween(2L, 25L);
    assertThat(seconds).isLessThan(40);

    proxy.clear();
    assertThat(provision(read, proxyKubeconfig).exitCode()).isZero();
  }

  @Test
  @Order(3)
  void anApplyConflictNamesTheOwningFieldManagerAndIsNotRetried() throws IOException {
    ConfigMap theirs = new ConfigMapBuilder().withNewMetadata().withName("owned").withNamespace("faults").endMetadata()
        .addToData("owner", "ops").build();
    KUBE.client().configMaps().inNamespace("faults").resource(theirs)
        .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("ops-team")
            .withForce(true).build());
    String mine = """
          - name: mine
            kube_apply:
              force_conflicts: %s
              definition:
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: owned, namespace: faults}
                data: {owner: provision}
        """;

    Cli run = provision(mine.formatted("false"), proxyKubeconfig);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(String.valueOf(run.result("localhost", "mine").get("message")))
        .contains("owned by field manager `ops-team`").contains(".data.owner").contains("force_conflicts");
    assertThat(proxy.log().stream().filter(l -> l.startsWith("PATCH") && l.endsWith(" 409"))).hasSize(1);
    assertThat(KUBE.client().configMaps().inNamespace("faults").withName("owned").get().getData())
        .containsEntry("owner", "ops");

    assertThat(provision(mine.formatted("true"), proxyKubeconfig).exitCode()).isZero();
    Cli again = provision(mine.formatted("true"), proxyKubeconfig);
    assertThat(again.exitCode()).isZero();
    assertThat(again.withStatus("changed")).isEmpty();
  }

  @Test
  @Order(4)
  void theKubeconfigTokenNeverReachesAnyOutput() throws IOException {
    String token = Files.readString(KUBE.stateDir().resolve("admin.token")).strip();
    String playbook = """
          - name: apply
            kube_apply:
              definition: {apiVersion: v1, kind: ConfigMap, metadata: {name: token-check, namespace: faults}, data: {n: "%s"}}
          - name: read
            kube_info: {api_version: v1, kind: ConfigMap, name: token-check, namespace: faults}
          - name: missing
            kube_info: {api_version: v1, kind: ConfigMap, name: nope, namespace: faults}
            ignore_errors: true
        """;
    List<Cli> runs = List.of(
        provision(playbook.formatted(1), KUBE.kubeconfig(), "--diff", "-v"),
        provision(playbook.formatted(2), KUBE.kubeconfig(), "--plan", "--diff"),
        provision(playbook.formatted(3), proxyKubeconfig, "--diff"));
    for (Cli run : runs) {
      assertThat(run.exitCode()).as(run.toString()).isIn(0, 2);
      assertThat(run.stdout()).as(run.toString()).doesNotContain(token).contains("faults");
      assertThat(run.stderr()).doesNotContain(token);
    }
    Path file = Files.writeString(work.resolve("token.yaml"),
        "- hosts: localhost\n  gather_facts: false\n  tasks:\n" + playbook.formatted(4));
    Cli textRun = Cli.run(List.of(file.toString(), "-i", inventory.toString(), "-e", "kubeconfig=" + KUBE.kubeconfig(),
        "--no-color", "-v", "--diff"));
    assertThat(textRun.exitCode()).as(textRun.toString()).isZero();
    assertThat(textRun.stdout() + textRun.stderr()).doesNotContain(token).contains("nope");
  }

  @Test
  @Order(5)
  void theApiServerRestartedMidRunIsReconnectedToAndAWaitGoesOnAcrossTheRestart() throws Exception {
    long apiserverBefore = KUBE.pid("APISERVER_PID");
    ConfigMap target = new ConfigMapBuilder().withNewMetadata().withName("wait-target").withNamespace("faults")
        .endMetadata().addToData("state", "pending").build();
    KUBE.client().configMaps().inNamespace("faults").resource(target).create();
    String playbook = """
          - name: before
            kube_apply:
              definition: {apiVersion: v1, kind: ConfigMap, metadata: {name: before-restart, namespace: faults}, data: {a: "1"}}
          - name: wait for done
            kube_wait: {api_version: v1, kind: ConfigMap, name: wait-target, namespace: faults, field: .data.state, value: done, timeout: 150s}
          - name: read after
            kube_info: {api_version: v1, kind: ConfigMap, name: before-restart, namespace: faults, fields: {a: .data.a}}
          - name: write after
            kube_apply:
              definition: {apiVersion: v1, kind: ConfigMap, metadata: {name: after-restart, namespace: faults}, data: {b: "2"}}
        """;
    java.util.concurrent.CompletableFuture<Cli> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return provision(playbook, KUBE.kubeconfig());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Thread.sleep(2000); // the run is waiting by now
    controlPlane("stop");
    controlPlane("start");
    try (var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
        .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(KUBE.kubeconfig()))).build()) {
      client.configMaps().inNamespace("faults").withName("wait-target")
          .edit(cm -> new ConfigMapBuilder(cm).addToData("state", "done").build());
    }

    Cli done = run.get(150, TimeUnit.SECONDS);
    assertThat(done.exitCode()).as(done.toString()).isZero();
    String apiserverNow = Files.readString(KUBE.stateDir().resolve("kube-apiserver.pid")).strip();
    assertThat(Long.parseLong(apiserverNow)).as("the API server was restarted").isNotEqualTo(apiserverBefore);
    Map<String, Object> waited = done.result("localhost", "wait for done");
    assertThat(waited).containsEntry("status", "changed"); // a wait that had to wait reports a change
    assertThat(String.valueOf(waited.get("data"))).contains("state=ConfigMap faults/wait-target: .data.state = done");
    assertThat(String.valueOf(done.result("localhost", "read after").get("data"))).contains("fields={a=1}");
    assertThat(KUBE.client().configMaps().inNamespace("faults").withName("after-restart").get()).isNotNull();
    Cli rerun = provision(playbook, KUBE.kubeconfig());
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(rerun.withStatus("changed")).isEmpty();
  }

  private static void controlPlane(String command) throws IOException, InterruptedException {
    Path script = Path.of("").toAbsolutePath().getParent().resolve("lab/kube/apiserver.sh");
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command, KUBE.stateDir().toString())
        .redirectErrorStream(true).redirectOutput(KUBE.stateDir().resolve("test-" + command + ".out").toFile());
    String dir = System.getenv("PROVISION_K8S_DIR");
    builder.environment().put("PROVISION_K8S_DIR", dir != null && !dir.isBlank() ? dir
        : Path.of(System.getProperty("user.home"), ".cache/provision/k8s/1.20.2-linux-amd64").toString());
    Process p = builder.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(KUBE.stateDir().resolve("test-" + command + ".out"))).isZero();
  }
}
