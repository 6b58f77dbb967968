package dev.provision.lab;

import dev.provision.lab.kube.KubeStack;
import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.mirror.ReleaseMirror;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;

/** {@code provision lab status}: every component with its address and PID; exit 0 only when all run. */
final class LabStatus {

  private LabStatus() {}

  static int run(LabLayout layout, PrintWriter out) throws IOException {
    if (!Files.isDirectory(layout.state().resolve("hosts"))) {
      out.println("provision lab: not running (no " + layout.state().resolve("hosts") + "); start it with: ./provision lab up");
      return 1;
    }
    out.println("provision lab: " + layout.state());
    boolean up = new LabSshHosts(layout).status(out);
    up &= new ReleaseMirror(layout).status(out);
    KubeStack kube = new KubeStack(layout);
    up &= kube.status(out);
    if (kube.hasNode()) {
      up &= kube.statusNode(out);
    }
    up &= new Simulators(layout).status(out);
    out.println("  inventory  " + (Files.isRegularFile(layout.inventory().resolve("hosts.yaml"))
        ? layout.repo().relativize(layout.inventory()) + "/" : "missing"));
    out.println(up ? "provision lab: all running (" + Simulators.NOTICE + ")"
        : "provision lab: some parts are down; ./provision lab up starts them again");
    return up ? 0 : 1;
  }
}
