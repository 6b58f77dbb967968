package dev.provision.lab.kube;

import dev.provision.lab.gate.RealParts;
import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.process.LabException;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh control plane ({@link KubeApiServerFixture}) with one {@link RealNode}: real pods for tests. Per test
 * class: {@code @RegisterExtension static final RealNodeFixture NODE = new RealNodeFixture();}. Where a part is
 * missing (root, containerd, the CNI plugins, the node's binaries) the test is skipped with the reason, or fails
 * under CI; a node that does not start fails the test with node.sh's reason. One real node per machine.
 */
public final class RealNodeFixture implements BeforeAllCallback, AfterAllCallback {

  private KubeApiServerFixture kube;
  private RealNode node;
  private Duration startup = Duration.ZERO;
  private String report = "";

  @Override
  public void beforeAll(ExtensionContext context) throws LabException {
    RealParts.requireRoot("a real node (containers, a bridge, routes)");
    RealParts.requirePrograms("containerd runc", "containerd", "containerd-shim-runc-v2", "runc", "ctr", "ip");
    RealParts.require(Files.isExecutable(Path.of("/usr/lib/cni/bridge")),
        "the CNI plugins are not installed (apt-get install containernetworking-plugins)");
    RealParts.require(Files.isExecutable(Path.of("/bin/busybox")), "busybox-static is not installed");
    KubeBinaries binaries = KubeBinaries.locate();
    RealParts.require(binaries.missingForNode().isEmpty(), "the node's binaries " + binaries.missingForNode()
        + " are missing in " + binaries.dir() + ": run lab/kube/build.sh");
    kube = KubeApiServerFixture.started();
    node = new RealNode(LabLayout.here(), binaries);
    long t0 = System.nanoTime();
    report = node.start(kube.stateDir()).strip();
    startup = Duration.ofNanos(System.nanoTime() - t0);
  }

  @Override
  public void afterAll(ExtensionContext context) throws LabException {
    try {
      if (node != null && kube != null) {
        node.stop(kube.stateDir());
      }
    } finally {
      if (kube != null) {
        kube.close();
      }
    }
  }

  public KubernetesClient client() {
    return kube.client();
  }

  public Path kubeconfig() {
    return kube.kubeconfig();
  }

  public KubeApiServerFixture controlPlane() {
    return kube;
  }

  /** Stops the node now (its processes, bridge, routes, mounts) and returns node.sh's report. */
  public String stopNode() throws LabException {
    return node.stop(kube.stateDir());
  }

  /** Wall time of node.sh start (containerd, images, kubelet, scheduler) until the node is Ready. */
  public Duration startup() {
    return startup;
  }

  public String startReport() {
    return report;
  }

  /** A pod spec for the real node: its node selector, its taint tolerated, the local busybox image, no pulls. */
  public static PodSpecBuilder busyboxPod(String container, String... command) {
    return new PodSpecBuilder().addToNodeSelector("kubernetes.io/hostname", RealNode.NAME)
        .addNewToleration().withKey(RealNode.TAINT_KEY).withOperator("Exists").withEffect("NoSchedule").endToleration()
        .withTerminationGracePeriodSeconds(0L)
        .addNewContainer().withName(container).withImage(RealNode.BUSYBOX_IMAGE).withImagePullPolicy("Never")
        .withCommand(command).endContainer();
  }
}
