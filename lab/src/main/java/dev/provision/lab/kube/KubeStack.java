package dev.provision.lab.kube;

import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import java.io.PrintWriter;
import java.util.List;

/**
 * The lab's Kubernetes control plane ({@link ControlPlane} in {@code .lab/kube}), with binaries from
 * lab/kube/build.sh, built on first use; with {@code --node} (opt-in) also one {@link RealNode} that runs real pods.
 * Without it, nothing here runs pods: the simulated controllers play kubelet and the KubeVirt controllers.
 */
public final class KubeStack {

  private final LabLayout layout;
  private final KubeBinaries binaries = KubeBinaries.locate();
  private final ControlPlane controlPlane;
  private final RealNode node;

  public KubeStack(LabLayout layout) {
    this.layout = layout;
    this.controlPlane = new ControlPlane(layout, binaries);
    this.node = new RealNode(layout, binaries);
  }

  /** Whether the lab has a real node (started with {@code --node}). */
  public boolean hasNode() {
    return RealNode.present(layout.kube());
  }

  /** Starts the real node (after {@link #up}): containerd, kubelet, scheduler, bridge, guard routes, images. */
  public void upNode(PrintWriter out) throws LabException {
    for (String line : node.start(layout.kube()).strip().split("\n")) {
      out.println("  node       " + line.replace("[kube-node] ", ""));
    }
  }

  public boolean statusNode(PrintWriter out) {
    return report(out, "  node       ", () -> node.status(layout.kube()));
  }

  public void up(PrintWriter out) throws LabException {
    if (!binaries.missing().isEmpty() || !binaries.missingForNode().isEmpty()) {
      out.println("  kube       building Kubernetes 1.20.2 binaries once into " + binaries.dir()
          + " (lab/kube/build.sh, about 10 minutes)");
      out.flush();
      Processes.runStreaming(List.of("bash", layout.sources().resolve("kube/build.sh").toString()), out, "    ");
    }
    String output;
    try {
      output = controlPlane.start(layout.kube());
    } catch (LabException first) {
      // a free port picked for etcd or the API server can be taken by another process before it binds
      out.println("  kube       first start failed, retrying once: "
          + first.getMessage().lines().reduce((a, b) -> b).orElse(""));
      down(out);
      output = controlPlane.start(layout.kube());
    }
    for (String line : output.strip().split("\n")) {
      out.println("  kube       " + line.replace("[kube-lab] ", ""));
    }
  }

  public boolean status(PrintWriter out) {
    return report(out, "  kube       ", () -> controlPlane.status(layout.kube()));
  }

  private static boolean report(PrintWriter out, String prefix, Script script) {
    String text;
    boolean up;
    try {
      text = script.run();
      up = true;
    } catch (LabException e) {
      text = e.getMessage().contains(":\n") ? e.getMessage().substring(e.getMessage().indexOf(":\n") + 2) : e.getMessage();
      up = false;
    }
    for (String line : text.strip().split("\n")) {
      out.println(prefix + line);
    }
    return up;
  }

  private interface Script {
    String run() throws LabException;
  }

  public void down(PrintWriter out) {
    try {
      // the node first: its kubelet writes to the API server until it stops
      for (String line : node.stop(layout.kube()).strip().split("\n")) {
        if (!line.isBlank()) {
          out.println("  node       " + line);
        }
      }
    } catch (LabException e) {
      out.println("  node       " + e.getMessage());
    }
    try {
      for (String line : controlPlane.stop(layout.kube()).strip().split("\n")) {
        if (!line.isBlank()) {
          out.println("  kube       " + line);
        }
      }
    } catch (LabException e) {
      out.println("  kube       " + e.getMessage());
    }
  }
}
