package dev.provision.lab.kube;

import dev.provision.lab.gate.RealParts;
import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.process.LabException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, real Kubernetes 1.20 control plane (etcd + kube-apiserver + kube-controller-manager, no kubelet) on
 * free loopback ports in a temporary directory, with an admin fabric8 client.
 *
 * <p>Per test class: {@code @RegisterExtension static final KubeApiServerFixture KUBE = new KubeApiServerFixture();}
 * Per test: {@code try (var kube = KubeApiServerFixture.started()) { ... }}. Without the binaries of
 * lab/kube/build.sh the test is skipped with the reason printed, or fails when env CI is set.
 * Set PROVISION_KEEP_KUBE_STATE=1 to keep the state directory (logs, kubeconfig) after the test.
 */
public final class KubeApiServerFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private Path stateDir;
  private ControlPlane controlPlane;
  private KubernetesClient client;
  private Map<String, String> clusterEnv = Map.of();
  private Duration startup = Duration.ZERO;

  /** Starts a control plane now; close it when done. */
  public static KubeApiServerFixture started() {
    KubeApiServerFixture fixture = new KubeApiServerFixture();
    fixture.start();
    return fixture;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  public void start() {
    KubeBinaries binaries = KubeBinaries.locate();
    RealParts.require(binaries.missing().isEmpty(), "Kubernetes test binaries " + binaries.missing()
        + " missing in " + binaries.dir() + ": run lab/kube/build.sh (as root, about 5 minutes)");
    Optional<LabLayout> layout = LabLayout.locate();
    RealParts.require(layout.isPresent(), "lab/kube/apiserver.sh not found above " + Path.of("").toAbsolutePath());
    controlPlane = new ControlPlane(layout.orElseThrow(), binaries);
    try {
      stateDir = Files.createTempDirectory("provision-kube-");
      long t0 = System.nanoTime();
      controlPlane.start(stateDir);
      startup = Duration.ofNanos(System.nanoTime() - t0);
    } catch (LabException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    clusterEnv = readClusterEnv(stateDir.resolve("cluster.env"));
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(read(kubeconfig()))).build();
  }

  public KubernetesClient client() {
    return client;
  }

  /** Admin kubeconfig (token auth, embedded CA). */
  public Path kubeconfig() {
    return stateDir.resolve("kubeconfig");
  }

  /** For example https://127.0.0.1:34553 */
  public String server() {
    return clusterEnv.get("SERVER");
  }

  /** Logs (etcd.log, kube-apiserver.log, kube-controller-manager.log), pki/, pid files. */
  public Path stateDir() {
    return stateDir;
  }

  /** Wall time of apiserver.sh start: certificates, etcd, apiserver until /readyz, controller-manager. */
  public Duration startup() {
    return startup;
  }

  public long pid(String process) {
    return Long.parseLong(clusterEnv.get(process));
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (stateDir != null) {
      try {
        controlPlane.stop(stateDir);
      } catch (LabException e) {
        throw new IllegalStateException(e.getMessage(), e);
      } finally {
        if (System.getenv("PROVISION_KEEP_KUBE_STATE") == null) {
          deleteRecursively(stateDir);
        }
        stateDir = null;
      }
    }
  }

  private static Map<String, String> readClusterEnv(Path file) {
    return read(file).lines().filter(line -> line.contains("="))
        .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
            line -> line.substring(line.indexOf('=') + 1)));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
