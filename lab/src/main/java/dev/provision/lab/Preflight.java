package dev.provision.lab;

import dev.provision.lab.gate.RealParts;
import dev.provision.lab.kube.KubeBinaries;
import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the lab needs before it starts anything: root, and the programs of its real parts. {@code lab up} says
 * what is missing and how to install it; the lab's own tests are gated on the same list
 * ({@link #requireForTests}).
 */
public final class Preflight {

  /** A program the lab runs, and the Debian package that provides it. */
  record Tool(String program, String aptPackage, String usedFor) {}

  static final List<Tool> TOOLS = List.of(
      new Tool("/usr/sbin/sshd", "openssh-server", "the hosts' sshd"),
      new Tool("ssh-keygen", "openssh-client", "host and client keys"),
      new Tool("/usr/bin/dnf", "dnf", "packages on the hosts"),
      new Tool("/usr/bin/rpm", "rpm", "packages on the hosts"),
      new Tool("rpmbuild", "rpm", "the lab's RPMs"),
      new Tool("createrepo_c", "createrepo-c", "the lab's RPM repository"),
      new Tool("virt-host-validate", "libvirt-clients", "host validation"),
      new Tool("python3", "python3", "the release mirror's HTTP server"),
      new Tool("openssl", "openssl", "the API server's certificates"),
      new Tool("setsid", "util-linux", "detached lab processes"),
      new Tool("bash", "bash", "the lab scripts"));

  private static final String ROOT = "the lab needs root: it starts sshd on 127.0.2.1-3 port 22 and installs "
      + "packages into per-host roots";

  private Preflight() {}

  static void requireRoot() throws LabException {
    if (!Processes.isRoot()) {
      throw new LabException(ROOT + "; run it as root (e.g. sudo ./provision lab up)");
    }
  }

  /** Fails naming every missing program and one apt-get line that installs them all. */
  static void requireTools() throws LabException {
    List<String> missing = new ArrayList<>();
    Set<String> packages = new LinkedHashSet<>();
    for (Tool tool : TOOLS) {
      if (Processes.find(tool.program()) == null) {
        missing.add(tool.program() + " (package " + tool.aptPackage() + ", for " + tool.usedFor() + ")");
        packages.add(tool.aptPackage());
      }
    }
    if (!missing.isEmpty()) {
      throw new LabException("the lab needs programs that are missing:\n  " + String.join("\n  ", missing)
          + "\ninstall them with: apt-get install -y " + String.join(" ", packages)
          + "\n(or run lab/prereqs.sh, which installs everything the lab and its tests need)");
    }
  }

  /**
   * For tests that bring the whole lab up: root, its programs and the Kubernetes binaries already built (a test
   * does not wait for lab/kube/build.sh). Missing, the test is skipped with the reason, or fails under CI.
   */
  public static void requireForTests() {
    List<String> missing = new ArrayList<>();
    if (!Processes.isRoot()) {
      missing.add("root (the lab starts sshd on 127.0.2.1-3 port 22)");
    }
    TOOLS.stream().filter(t -> Processes.find(t.program()) == null).map(Tool::program).forEach(missing::add);
    KubeBinaries binaries = KubeBinaries.locate();
    binaries.missing().forEach(b -> missing.add(binaries.dir().resolve(b) + " (lab/kube/build.sh)"));
    RealParts.require(missing.isEmpty(), "the lab cannot start here, missing: " + String.join(", ", missing)
        + " (run lab/prereqs.sh as root)");
  }
}
