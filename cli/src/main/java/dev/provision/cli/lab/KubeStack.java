package dev.provision.cli.lab;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The lab's Kubernetes control plane: real etcd + kube-apiserver + kube-controller-manager 1.20.2
 * through lab/kube/apiserver.sh, with binaries from lab/kube/build.sh (built once, cached).
 * Nothing here runs pods: {@link Simulators} plays kubelet and the KubeVirt controllers.
 */
final class KubeStack {

  private static final List<String> BINARIES = List.of("kube-apiserver", "kube-controller-manager", "etcd", "kubectl");

  private final LabLayout layout;

  KubeStack(LabLayout layout) {
    this.layout = layout;
  }

  static Path binaries() {
    String override = System.getenv("PROVISION_K8S_DIR");
    return override != null && !override.isBlank()
        ? Path.of(override)
        : Path.of(System.getProperty("user.home"), ".cache/provision/k8s/1.20.2-linux-amd64");
  }

  void up(PrintWriter out) throws LabException {
    if (BINARIES.stream().anyMatch(b -> !Files.isExecutable(binaries().resolve(b)))) {
      out.println("  kube       building Kubernetes 1.20.2 binaries once into " + binaries()
          + " (lab/kube/build.sh, about 5 minutes)");
      out.flush();
      LabProcesses.runStreaming(List.of("bash", script("build.sh")), Map.of(), out, "    ");
    }
    String output;
    try {
      output = start();
    } catch (LabException first) {
      // a free port picked for etcd or the API server can be taken by another process before it binds
      out.println("  kube       first start failed, retrying once: " + first.getMessage().lines().reduce((a, b) -> b).orElse(""));
      down(out);
      output = start();
    }
    for (String line : output.strip().split("\n")) {
      out.println("  kube       " + line.replace("[kube-lab] ", ""));
    }
  }

  private String start() throws LabException {
    return LabProcesses.run(List.of("bash", script("apiserver.sh"), "start", layout.kube().toString()), null, Map.of(), 180);
  }

  boolean status(PrintWriter out) {
    String text;
    boolean up;
    try {
      text = LabProcesses.run(List.of("bash", script("apiserver.sh"), "status", layout.kube().toString()), null, Map.of(), 30);
      up = true;
    } catch (LabException e) {
      text = e.getMessage().contains(":\n") ? e.getMessage().substring(e.getMessage().indexOf(":\n") + 2) : e.getMessage();
      up = false;
    }
    for (String line : text.strip().split("\n")) {
      out.println("  kube       " + line);
    }
    return up;
  }

  void down(PrintWriter out) {
    try {
      String text = LabProcesses.run(List.of("bash", script("apiserver.sh"), "stop", layout.kube().toString()),
          null, Map.of(), 60);
      for (String line : text.strip().split("\n")) {
        if (!line.isBlank()) {
          out.println("  kube       " + line);
        }
      }
    } catch (LabException e) {
      out.println("  kube       " + e.getMessage());
    }
  }

  private String script(String name) {
    return layout.sources().resolve("kube").resolve(name).toString();
  }
}
