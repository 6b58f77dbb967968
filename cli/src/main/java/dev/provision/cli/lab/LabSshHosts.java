package dev.provision.cli.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The lab's SSH hosts: one Debian sshd per host on its own loopback address, port 22, with its own
 * host key, key-only login, and a per-host environment set by sshd: HOME inside the host's root
 * (so root's own ~/.bashrc is never read), LAB_ROOT, and PATH with the host's dnf/rpm wrappers
 * first (lab/rpm/host-wrappers.sh). See /work/shared/notes/ssh-lab.md.
 */
final class LabSshHosts {

  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final LabLayout layout;
  private final PrintWriter out;

  LabSshHosts(LabLayout layout, PrintWriter out) {
    this.layout = layout;
    this.out = out;
  }

  void up() throws LabException, IOException {
    Files.createDirectories(layout.ssh());
    Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory; no systemd here
    if (!Files.exists(layout.clientKey())) {
      keygen(layout.clientKey(), "provision-lab-client");
    }
    Files.copy(Path.of(layout.clientKey() + ".pub"), layout.authorizedKeys(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    StringBuilder knownHosts = new StringBuilder();
    for (LabHostSpec host : LabLayout.HOSTS) {
      prepare(host);
      String[] key = Files.readString(hostKey(host).resolveSibling(hostKey(host).getFileName() + ".pub")).strip().split("\\s+");
      knownHosts.append(host.address()).append(' ').append(key[0]).append(' ').append(key[1]).append('\n');
    }
    Files.writeString(layout.knownHosts(), knownHosts.toString());
    for (LabHostSpec host : LabLayout.HOSTS) {
      start(host);
    }
  }

  private void prepare(LabHostSpec host) throws LabException, IOException {
    Path dir = layout.host(host.name());
    Files.createDirectories(dir);
    if (!Files.exists(hostKey(host))) {
      keygen(hostKey(host), host.name());
    }
    LabProcesses.run(List.of("sh", layout.sources().resolve("rpm/host-wrappers.sh").toString(),
        dir.toString(), layout.rpmRepo().toString()));
    Files.createDirectories(layout.hostHome(host.name()));
    Files.writeString(config(host), config(host, dir));
  }

  private String config(LabHostSpec host, Path dir) {
    return String.join("\n",
        "# sshd of lab host " + host.name() + " (written by provision lab up)",
        "ListenAddress " + host.address(),
        "Port 22",
        "HostKey " + hostKey(host),
        "PidFile " + pidFile(host),
        "AuthorizedKeysFile " + layout.authorizedKeys(),
        "StrictModes no",
        "UsePAM no",
        "PermitRootLogin prohibit-password",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PrintMotd no",
        "PrintLastLog no",
        "UseDNS no",
        "MaxStartups 100",
        "MaxSessions 50",
        "SetEnv HOME=" + layout.hostHome(host.name()) + " LAB_ROOT=" + layout.hostRoot(host.name())
            + " LAB_HOST=" + host.name() + " PATH=" + dir.resolve("bin") + ":" + SYSTEM_PATH,
        "");
  }

  private void start(LabHostSpec host) throws LabException {
    OptionalLong pid = pid(host);
    if (pid.isPresent()) {
      out.printf("  %-10s sshd already running on %s:22 (pid %d)%n", host.name(), host.address(), pid.getAsLong());
      return;
    }
    if (LabProcesses.answers(host.address(), 22)) {
      throw new LabException(host.address() + ":22 is in use by a process this lab did not start; "
          + "stop it first (the lab's hosts live on 127.0.2.1-3)");
    }
    Path log = layout.host(host.name()).resolve("sshd.log");
    LabProcesses.run(List.of(SSHD.toString(), "-f", config(host).toString(), "-E", log.toString()));
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      pid = pid(host);
      if (pid.isPresent() && LabProcesses.answers(host.address(), 22)) {
        out.printf("  %-10s sshd started on %s:22 (pid %d)%n", host.name(), host.address(), pid.getAsLong());
        return;
      }
      LabProcesses.sleep(50);
    }
    throw new LabException("sshd of " + host.name() + " did not start on " + host.address() + ":22; see " + log);
  }

  /** One line per host: address, pid, whether it answers. False when any host is down. */
  boolean status(PrintWriter out) {
    boolean allUp = true;
    for (LabHostSpec host : LabLayout.HOSTS) {
      OptionalLong pid = pid(host);
      boolean answers = pid.isPresent() && LabProcesses.answers(host.address(), 22);
      allUp &= answers;
      out.printf("  %-10s %s:22  %s%n", host.name(), host.address(),
          pid.isEmpty() ? "stopped" : (answers ? "running" : "not answering") + " (pid " + pid.getAsLong() + ")");
    }
    return allUp;
  }

  void down(PrintWriter out) {
    for (LabHostSpec host : LabLayout.HOSTS) {
      OptionalLong pid = pid(host);
      if (LabProcesses.stop(pidFile(host), config(host).toString())) {
        out.printf("  %-10s sshd stopped (pid %d)%n", host.name(), pid.getAsLong());
      }
    }
  }

  private OptionalLong pid(LabHostSpec host) {
    return LabProcesses.running(pidFile(host), config(host).toString());
  }

  private Path config(LabHostSpec host) {
    return layout.host(host.name()).resolve("sshd_config");
  }

  private Path pidFile(LabHostSpec host) {
    return layout.host(host.name()).resolve("sshd.pid");
  }

  private Path hostKey(LabHostSpec host) {
    return layout.host(host.name()).resolve("ssh_host_ed25519_key");
  }

  private static void keygen(Path file, String comment) throws LabException {
    LabProcesses.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file.toString()));
  }
}
