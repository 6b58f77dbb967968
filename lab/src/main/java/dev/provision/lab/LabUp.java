package dev.provision.lab;

import dev.provision.lab.kube.KubeStack;
import dev.provision.lab.kube.RealNode;
import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.mirror.ReleaseMirror;
import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** {@code provision lab up}: starts what is not running yet and (re)writes inventory/lab. Harmless to repeat. */
final class LabUp {

  private LabUp() {}

  static int run(LabLayout layout, PrintWriter out, boolean withNode) throws IOException {
    long t0 = System.nanoTime();
    if (layout.repo().toString().matches(".*[\\s'\"].*")) {
      throw new LabException("the repository path has a space or quote (" + layout.repo()
          + "); sshd's SetEnv cannot carry it: clone it to a plain path");
    }
    Preflight.requireRoot();
    Preflight.requireTools();
    out.println("provision lab: starting in " + layout.state());
    out.println(Simulators.NOTICE);

    step(out, "RPM repository (qemu-kvm, libvirt stand-ins)", () -> {
      String text = Processes.run(List.of("sh", layout.sources().resolve("rpm/build-repo.sh").toString(),
          layout.rpmRepo().toString()));
      out.println("  rpm        " + text.strip().split("\n")[0]);
    });
    step(out, "SSH hosts", () -> new LabSshHosts(layout).up(out));
    ReleaseMirror mirror = new ReleaseMirror(layout);
    step(out, "release mirror (stand-in files, see lab/mirror/README.md)", () -> mirror.up(out));
    KubeStack kube = new KubeStack(layout);
    step(out, "Kubernetes API server", () -> kube.up(out));
    if (withNode) {
      // before the simulated kubelet: it must find the real node there and leave that node's pods alone
      step(out, "REAL node " + RealNode.NAME + " (containerd, kubelet, scheduler, bridge CNI, network guard)",
          () -> kube.upNode(out));
    }
    step(out, "SIMULATED controllers", () -> new Simulators(layout).up(out));
    step(out, "inventory", () -> out.println("  inventory  " + layout.repo().relativize(
        new LabInventory(layout).write(mirror.baseUrl())) + "/ (hosts.yaml, group_vars/all.yaml)"));

    out.printf("provision lab: up in %.1f s. Hosts controller, worker01, worker02 (127.0.2.1-3); "
        + "kubeconfig %s; mirror %s (stable %s)%n", (System.nanoTime() - t0) / 1e9, layout.kubeconfig(),
        mirror.baseUrl(), mirror.stableVersion());
    out.println(Simulators.NOTICE);
    if (withNode) {
      out.println("REAL: node " + RealNode.NAME + " runs the pods that tolerate its taint " + RealNode.TAINT_KEY
          + " (containerd, kubelet); see lab/README.md");
    }
    out.println("next: ./provision playbooks/kubevirt.yaml -i inventory/lab");
    return 0;
  }

  private static void step(PrintWriter out, String title, Body body) throws IOException {
    long t0 = System.nanoTime();
    out.println("- " + title);
    out.flush();
    body.run();
    out.printf("  (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
    out.flush();
  }

  private interface Body {
    void run() throws IOException;
  }
}
