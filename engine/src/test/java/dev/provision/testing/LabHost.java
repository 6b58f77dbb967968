package dev.provision.testing;

import dev.provision.connection.ConnectionSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One lab host: its own sshd on its own loopback address, host key, PID file, log, HOME (so
 * root's ~/.bashrc is not read) and data directory ({@code root()}) that plays the host's root
 * for what a playbook writes. Can be killed, paused and restarted for fault tests.
 */
public final class LabHost {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final SshLab lab;
  private final String name;
  private final String address;
  private final Path dir;
  private Process sshd;

  LabHost(SshLab lab, String name, String address, Path dir) throws IOException {
    this.lab = lab;
    this.name = name;
    this.address = address;
    this.dir = dir;
    Files.createDirectories(home());
    Files.createDirectories(root());
    LabTools.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", hostKey().toString()));
    Files.writeString(dir.resolve("sshd_config"), config(), StandardCharsets.UTF_8);
  }

  private String config() {
    return String.join("\n",
        "ListenAddress " + address,
        "Port 22",
        "HostKey " + hostKey(),
        "PidFile " + dir.resolve("sshd.pid"),
        "AuthorizedKeysFile " + lab.authorizedKeys(),
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
        "SetEnv HOME=" + home() + " LAB_ROOT=" + root(),
        "");
  }

  void start() throws IOException {
    if (answers() && !(StaleLabs.reclaim(address) && !answers())) {
      throw new IllegalStateException(address + ":22 is already in use (another lab or test run?); "
          + "start this lab on another base address");
    }
    Files.deleteIfExists(log());
    sshd = new ProcessBuilder(LabTools.SSHD.toString(), "-D", "-f", dir.resolve("sshd_config").toString(), "-E", log().toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("sshd.out").toFile())
        .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!sshd.isAlive()) {
        throw new IOException("sshd for " + name + " on " + address + " exited " + sshd.exitValue() + ": " + logText());
      }
      if (logText().contains("Server listening on " + address)) {
        return;
      }
      sleep(20);
    }
    throw new IOException("sshd for " + name + " did not start within " + START_TIMEOUT + ": " + logText());
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, 22), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILLs this host's sshd and every sshd process under it (open connections die too). */
  public void kill() throws IOException {
    for (ProcessHandle p : sshdProcesses()) {
      p.destroyForcibly();
    }
    if (sshd != null) {
      try {
        sshd.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** SIGSTOPs the host's sshd processes: connections hang as if the host froze. */
  public void pause() throws IOException {
    for (ProcessHandle p : sshdProcesses()) {
      LabTools.signal(p.pid(), "STOP");
    }
  }

  public void resume() throws IOException {
    for (ProcessHandle p : sshdProcesses()) {
      LabTools.signal(p.pid(), "CONT");
    }
  }

  /** Starts sshd again (same key, same config) after {@link #kill}. */
  public void restart() throws IOException {
    if (sshd != null && sshd.isAlive()) {
      kill();
    }
    start();
  }

  private List<ProcessHandle> sshdProcesses() {
    List<ProcessHandle> all = new ArrayList<>();
    if (sshd == null) {
      return all;
    }
    ProcessHandle listener = sshd.toHandle();
    if (listener.isAlive()) {
      all.add(listener);
    }
    listener.descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/sshd")).orElse(false))
        .forEach(all::add);
    return all;
  }

  void stop() {
    if (sshd != null) {
      sshdProcesses().forEach(ProcessHandle::destroyForcibly);
      try {
        sshd.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A spec for this host: login user of the lab, the lab's key and known_hosts file. */
  public ConnectionSpec spec() {
    return spec(lab.user());
  }

  public ConnectionSpec spec(String user) {
    return new ConnectionSpec(name, "ssh", address, 22, user, lab.clientKey(), lab.knownHosts(), false,
        Duration.ofSeconds(5), null);
  }

  public String name() {
    return name;
  }

  public String address() {
    return address;
  }

  public Path dir() {
    return dir;
  }

  /** The directory that stands for this host's filesystem root (LAB_ROOT in its sessions). */
  public Path root() {
    return dir.resolve("root");
  }

  public Path home() {
    return dir.resolve("home");
  }

  public Path hostKey() {
    return dir.resolve("ssh_host_ed25519_key");
  }

  public String hostPublicKey() throws IOException {
    return Files.readString(dir.resolve("ssh_host_ed25519_key.pub")).strip();
  }

  public Path log() {
    return dir.resolve("sshd.log");
  }

  public String logText() {
    try {
      return Files.exists(log()) ? Files.readString(log()) : "";
    } catch (IOException e) {
      return "(cannot read " + log() + ": " + e + ")";
    }
  }

  /** PID of the listening sshd, or -1. */
  public long pid() {
    return sshd != null && sshd.isAlive() ? sshd.pid() : -1;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + "(" + address + ")";
  }
}
