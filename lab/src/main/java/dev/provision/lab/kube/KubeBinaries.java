package dev.provision.lab.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where lab/kube/build.sh puts kube-apiserver, kube-controller-manager, etcd, kubectl, and the node's kubelet,
 * kube-scheduler and pause: env PROVISION_K8S_DIR,
 * else {@code ~/.cache/provision/k8s/1.20.2-linux-amd64} (built once, cached).
 */
public record KubeBinaries(Path dir) {

  static final List<String> NAMES = List.of("kube-apiserver", "kube-controller-manager", "etcd", "kubectl");
  /** What a real node needs besides (lab/kube/node.sh): built by the same build.sh. */
  static final List<String> NODE_NAMES = List.of("kubelet", "kube-scheduler", "pause");

  public static KubeBinaries locate() {
    String override = System.getenv("PROVISION_K8S_DIR");
    return new KubeBinaries(override != null && !override.isBlank()
        ? Path.of(override)
        : Path.of(System.getProperty("user.home"), ".cache", "provision", "k8s", "1.20.2-linux-amd64"));
  }

  /** The control plane's binaries that are not there (yet). */
  public List<String> missing() {
    return NAMES.stream().filter(name -> !Files.isExecutable(dir.resolve(name))).toList();
  }

  /** The real node's binaries that are not there (a cache built before the node was added lacks them). */
  public List<String> missingForNode() {
    return NODE_NAMES.stream().filter(name -> !Files.isExecutable(dir.resolve(name))).toList();
  }
}
