package dev.provision.lab.ssh;

import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One lab host: its own sshd on its own loopback address (port 22), with its own host key, config, PID file,
 * log, HOME (so root's ~/.bashrc is not read) and data directory ({@link #root()}) that plays the host's root
 * for what a playbook writes. Its sshd runs either as a child of this JVM ({@link #start}: tests, which can kill,
 * pause and restart it) or as a daemon that outlives it ({@link #startDetached}: {@code provision lab up}).
 */
public final class LabHost {

  static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final SshLab lab;
  private final String name;
  private final String address;
  private final Path dir;
  private final Path root;
  private final Path home;
  private final boolean hostBinFirst;
  private Process sshd;

  LabHost(SshLab lab, String name, String address, Path dir, boolean sysroot, boolean hostBinFirst) {
    this.lab = lab;
    this.name = name;
    this.address = address;
    this.dir = dir;
    this.root = sysroot ? dir.resolve("sysroot") : dir.resolve("root");
    this.home = sysroot ? root.resolve("root") : dir.resolve("home");
    this.hostBinFirst = hostBinFirst;
  }

  /** Its folders, its host key (kept when there is one) and its sshd_config. */
  void prepare() throws IOException {
    Files.createDirectories(home);
    Files.createDirectories(root);
    if (!Files.exists(hostKey())) {
      SshLab.keygen(hostKey(), name);
    }
    Files.writeString(config(), configText(), StandardCharsets.UTF_8);
  }

  /** The one sshd_config of the lab: key-only login, the host's own environment, nothing read from /etc/ssh. */
  private String configText() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", home.toString());
    env.put("LAB_ROOT", root.toString());
    env.put("LAB_HOST", name);
    if (hostBinFirst) {
      env.put("PATH", Processes.systemPathAfter(dir.resolve("bin")));
    }
    StringBuilder setEnv = new StringBuilder("SetEnv");
    env.forEach((k, v) -> setEnv.append(' ').append(k).append('=').append(v));
    return String.join("\n",
        "# sshd of lab host " + name + " (written by " + SshLab.class.getName() + ")",
        "ListenAddress " + address,
        "Port 22",
        "HostKey " + hostKey(),
        "PidFile " + pidFile(),
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
        setEnv.toString(),
        "");
  }

  /** Starts sshd as a child of this JVM and waits until it listens; an orphan of a dead test run is reclaimed. */
  void start() throws IOException {
    if (answers() && !(StaleLabs.reclaim(address) && !answers())) {
      throw new IllegalStateException(address + ":22 is already in use (another lab or test run?); "
          + "start this lab on another base address");
    }
    Files.deleteIfExists(log());
    sshd = new ProcessBuilder(SSHD.toString(), "-D", "-f", config().toString(), "-E", log().toString())
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
      Processes.sleep(20);
    }
    throw new IOException("sshd for " + name + " did not start within " + START_TIMEOUT + ": " + logText());
  }

  /**
   * Starts sshd as a daemon that outlives this JVM, found again by its PID file. False when it already runs.
   * An address held by anything else is an error: the lab stops only what it started.
   */
  public boolean startDetached() throws LabException {
    if (pid() > 0) {
      return false;
    }
    if (answers()) {
      throw new LabException(address + ":22 is in use by a process this lab did not start; stop it first");
    }
    Processes.run(List.of(SSHD.toString(), "-f", config().toString(), "-E", log().toString()));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (pid() > 0 && answers()) {
        return true;
      }
      Processes.sleep(50);
    }
    throw new LabException("sshd of " + name + " did not start on " + address + ":22; see " + log());
  }

  /** True when something accepts connections on the host's address, port 22. */
  public boolean answers() {
    return Processes.answers(address, 22);
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
      Processes.signal(p.pid(), "STOP");
    }
  }

  public void resume() throws IOException {
    for (ProcessHandle p : sshdProcesses()) {
      Processes.signal(p.pid(), "CONT");
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
    long pid = pid();
    ProcessHandle listener = pid > 0 ? ProcessHandle.of(pid).orElse(null) : null;
    if (listener == null) {
      return all;
    }
    all.add(listener);
    listener.descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/sshd")).orElse(false))
        .forEach(all::add);
    return all;
  }

  /** Stops this host's sshd: a child at once, a daemon by its PID file (SIGTERM, then SIGKILL). True when it ran. */
  public boolean stop() {
    if (sshd != null) {
      boolean running = sshd.isAlive();
      sshdProcesses().forEach(ProcessHandle::destroyForcibly);
      try {
        sshd.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return running;
    }
    return Processes.stop(pidFile(), config().toString());
  }

  public SshLab lab() {
    return lab;
  }

  public String name() {
    return name;
  }

  public String address() {
    return address;
  }

  /** The host's own folder: sshd_config, host key, PID file, log. */
  public Path dir() {
    return dir;
  }

  /** The directory that stands for this host's filesystem root (LAB_ROOT in its sessions). */
  public Path root() {
    return root;
  }

  /** HOME in its sessions. */
  public Path home() {
    return home;
  }

  public Path config() {
    return dir.resolve("sshd_config");
  }

  public Path hostKey() {
    return dir.resolve("ssh_host_ed25519_key");
  }

  public String hostPublicKey() throws IOException {
    return Files.readString(dir.resolve("ssh_host_ed25519_key.pub")).strip();
  }

  Path pidFile() {
    return dir.resolve("sshd.pid");
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
    if (sshd != null) {
      return sshd.isAlive() ? sshd.pid() : -1;
    }
    return Processes.running(pidFile(), config().toString()).orElse(-1);
  }

  @Override
  public String toString() {
    return name + "(" + address + ")";
  }
}
