package dev.provision.lab.kube;

import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One real node next to a {@link ControlPlane}, through lab/kube/node.sh (start|status|stop DIR): containerd and
 * runc, a kubelet, the kube-scheduler, a bridge CNI, the network guard's routes and locally built images. The one
 * script the lab and the tests both use. Its state is {@code DIR/node}; one such node per machine (the bridge and
 * the routes are global), so callers hold the lab lock.
 */
public final class RealNode {

  /** The node's name, image references and taint, as node.sh sets them. */
  public static final String NAME = "node01";
  public static final String BUSYBOX_IMAGE = "provision.lab/busybox:1.35.0";
  public static final String TAINT_KEY = "provision.dev/real-node";
  public static final String POD_CIDR = "10.244.100.0/24";

  private final Path script;
  private final KubeBinaries binaries;

  public RealNode(LabLayout layout, KubeBinaries binaries) {
    this.script = layout.sources().resolve("kube/node.sh");
    this.binaries = binaries;
  }

  /** Whether {@code controlPlaneDir} has a node's state (started, or not cleaned up). */
  public static boolean present(Path controlPlaneDir) {
    return Files.isDirectory(controlPlaneDir.resolve("node"));
  }

  /** Starts it for the control plane in {@code controlPlaneDir} (harmless when it runs), waits for Ready. */
  public String start(Path controlPlaneDir) throws LabException {
    return run("start", controlPlaneDir, 240);
  }

  public String status(Path controlPlaneDir) throws LabException {
    return run("status", controlPlaneDir, 30);
  }

  /** Stops its processes by PID and removes its bridge, network namespaces and guard routes. */
  public String stop(Path controlPlaneDir) throws LabException {
    return run("stop", controlPlaneDir, 90);
  }

  private String run(String command, Path dir, long timeoutSeconds) throws LabException {
    return Processes.run(List.of("bash", script.toString(), command, dir.toString()), null,
        Map.of("PROVISION_K8S_DIR", binaries.dir().toString()), null, timeoutSeconds);
  }
}
