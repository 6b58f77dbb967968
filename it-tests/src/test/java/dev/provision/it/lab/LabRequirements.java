package dev.provision.it.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What the lab needs here: root, the lab's programs and the Kubernetes binaries. Missing, the tests are
 * skipped with the reason printed; with env CI set they fail instead (CI installs everything: lab/prereqs.sh).
 */
final class LabRequirements {

  private static final List<String> PROGRAMS = List.of("/usr/sbin/sshd", "/usr/bin/ssh-keygen", "/usr/bin/dnf",
      "/usr/bin/rpm", "/usr/bin/rpmbuild", "/usr/bin/createrepo_c", "/usr/bin/virt-host-validate", "/usr/bin/python3",
      "/usr/bin/openssl", "/usr/bin/setsid");

  private LabRequirements() {}

  static void require() {
    List<String> missing = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      missing.add("root (the lab starts sshd on 127.0.2.1-3 port 22)");
    }
    PROGRAMS.stream().filter(p -> !Files.isExecutable(Path.of(p))).forEach(missing::add);
    Path k8s = System.getenv("PROVISION_K8S_DIR") != null ? Path.of(System.getenv("PROVISION_K8S_DIR"))
        : Path.of(System.getProperty("user.home"), ".cache/provision/k8s/1.20.2-linux-amd64");
    for (String b : List.of("kube-apiserver", "kube-controller-manager", "etcd", "kubectl")) {
      if (!Files.isExecutable(k8s.resolve(b))) {
        missing.add(k8s.resolve(b) + " (lab/kube/build.sh)");
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String reason = "the lab cannot start here, missing: " + String.join(", ", missing) + " (run lab/prereqs.sh as root)";
    if (System.getenv("CI") != null) {
      throw new AssertionError("required in CI: " + reason);
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }
}
