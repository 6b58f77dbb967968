package dev.provision.cli.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What {@code lab up} needs before it starts anything: root, and the tools of the lab's real parts. */
final class Preflight {

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

  private Preflight() {}

  static void requireRoot() throws LabException {
    if (uid() != 0) {
      throw new LabException("the lab needs root: it starts sshd on 127.0.2.1-3 port 22 and installs "
          + "packages into per-host roots; run it as root (e.g. sudo ./provision lab up)");
    }
  }

  static long uid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux or no /proc: report as not root, the message says what is needed.
    }
    return -1;
  }

  /** Fails naming every missing program and one apt-get line that installs them all. */
  static void requireTools() throws LabException {
    List<String> missing = new ArrayList<>();
    Set<String> packages = new LinkedHashSet<>();
    for (Tool tool : TOOLS) {
      if (find(tool.program()) == null) {
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

  /** An absolute path when executable, else the first match on PATH; null when absent. */
  static Path find(String program) {
    if (program.startsWith("/")) {
      Path p = Path.of(program);
      return Files.isExecutable(p) ? p : null;
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, program);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }
}
