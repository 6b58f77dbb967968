package dev.provision.lab.kube;

import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real etcd + kube-apiserver + kube-controller-manager 1.20 through lab/kube/apiserver.sh (start|status|stop
 * DIR): the one script the lab and the tests both use, so they agree. No kubelet: nothing runs pods.
 */
public final class ControlPlane {

  private final Path script;
  private final KubeBinaries binaries;

  public ControlPlane(LabLayout layout, KubeBinaries binaries) {
    this.script = layout.sources().resolve("kube/apiserver.sh");
    this.binaries = binaries;
  }

  /** Starts it in {@code state} (harmless when it runs) and waits for /readyz; the script's report. */
  public String start(Path state) throws LabException {
    return run("start", state, 180);
  }

  /** The script's report; fails when a process is down or /readyz does not answer. */
  public String status(Path state) throws LabException {
    return run("status", state, 30);
  }

  /** Stops the processes recorded in {@code state} (only those). */
  public String stop(Path state) throws LabException {
    return run("stop", state, 60);
  }

  private String run(String command, Path state, long timeoutSeconds) throws LabException {
    return Processes.run(List.of("bash", script.toString(), command, state.toString()), null,
        Map.of("PROVISION_K8S_DIR", binaries.dir().toString()), null, timeoutSeconds);
  }
}
