package dev.provision.lab;

import dev.provision.lab.layout.LabHostSpec;
import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.process.Processes;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLab;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The lab's SSH hosts: the sshd fixture ({@link SshLab}) in {@code .lab/}, one detached sshd per host of
 * {@link LabLayout#HOSTS}, whose sessions have HOME inside the host's root (so root's own ~/.bashrc is never
 * read), LAB_ROOT, and PATH with the host's dnf/rpm wrappers first (lab/rpm/host-wrappers.sh).
 */
final class LabSshHosts {

  private final LabLayout layout;
  private final SshLab hosts;

  LabSshHosts(LabLayout layout) throws IOException {
    this.layout = layout;
    SshLab.Builder builder = SshLab.builder().dir(layout.sshHosts()).sysroot().hostBinFirstOnPath();
    for (LabHostSpec host : LabLayout.HOSTS) {
      builder.host(host.name(), host.address());
    }
    this.hosts = builder.build();
  }

  /** The fixture's view of the hosts: keys, known_hosts, each host's root. */
  SshLab hosts() {
    return hosts;
  }

  void up(PrintWriter out) throws IOException {
    for (LabHost host : hosts.hosts()) {
      Processes.run(List.of("sh", layout.sources().resolve("rpm/host-wrappers.sh").toString(),
          host.dir().toString(), layout.rpmRepo().toString()));
    }
    hosts.prepare();
    for (LabHost host : hosts.hosts()) {
      boolean started = host.startDetached();
      out.printf("  %-10s sshd %s on %s:22 (pid %d)%n", host.name(), started ? "started" : "already running",
          host.address(), host.pid());
    }
  }

  /** One line per host: address, pid, whether it answers. False when any host is down. */
  boolean status(PrintWriter out) {
    boolean allUp = true;
    for (LabHost host : hosts.hosts()) {
      long pid = host.pid();
      boolean answers = pid > 0 && host.answers();
      allUp &= answers;
      out.printf("  %-10s %s:22  %s%n", host.name(), host.address(),
          pid <= 0 ? "stopped" : (answers ? "running" : "not answering") + " (pid " + pid + ")");
    }
    return allUp;
  }

  void down(PrintWriter out) {
    for (LabHost host : hosts.hosts()) {
      long pid = host.pid();
      if (host.stop()) {
        out.printf("  %-10s sshd stopped (pid %d)%n", host.name(), pid);
      }
    }
  }
}
