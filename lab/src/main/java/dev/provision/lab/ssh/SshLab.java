package dev.provision.lab.ssh;

import dev.provision.lab.gate.RealParts;
import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real SSH hosts on this machine: Debian {@code /usr/sbin/sshd} processes, each on its own loopback address,
 * port 22 (see /work/shared/notes/ssh-lab.md). Key-only login with one client key, a known_hosts file with every
 * host key. The one sshd fixture: tests start hosts for a class and stop them on {@link #close}; {@code provision
 * lab up} starts its three hosts detached ({@link LabHost#startDetached}) in the lab's folder.
 *
 * <pre>{@code
 * try (SshLab lab = SshLab.builder().hosts(3).baseAddress("127.0.2.1").start()) {
 *   lab.host(0).address(); lab.clientKey(); lab.knownHosts();
 * }
 * }</pre>
 *
 * Files: {@code DIR/ssh/} (client key, authorized_keys, known_hosts) and {@code DIR/hosts/NAME/} (sshd_config,
 * host key, PID file, log, the host's root and HOME). Parallel test classes must use distinct address ranges.
 */
public final class SshLab implements AutoCloseable {

  static final String TEMP_PREFIX = "provision-sshlab-";

  private final Path dir;
  private final boolean temporary;
  private final String user;
  private final List<LabHost> hosts = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopAll, "ssh-lab-shutdown");

  private SshLab(Path dir, boolean temporary, String user) {
    this.dir = dir;
    this.temporary = temporary;
    this.user = user;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options: how many hosts and where, the folder, the login user, the hosts' environment. */
  public static final class Builder {
    private int count = 1;
    private String baseAddress = "127.0.2.1";
    private final List<String[]> named = new ArrayList<>();
    private String user = "root";
    private Path dir;
    private boolean sysroot;
    private boolean hostBinFirst;

    /** {@code n} hosts named host1..hostN from {@link #baseAddress} on. */
    public Builder hosts(int n) {
      this.count = n;
      return this;
    }

    /** Address of the first host; the others follow in the last octet. Must be in 127.0.0.0/8. */
    public Builder baseAddress(String address) {
      this.baseAddress = loopback(address);
      return this;
    }

    /** A host with this name and address, instead of host1..hostN. */
    public Builder host(String name, String address) {
      named.add(new String[] {name, loopback(address)});
      return this;
    }

    /** The login user of the written inventory; the client key works for every user. */
    public Builder user(String name) {
      this.user = name;
      return this;
    }

    /** A folder of its own that is kept, keys included (the lab's .lab/); default: a temporary one, deleted on close. */
    public Builder dir(Path folder) {
      this.dir = folder.toAbsolutePath().normalize();
      return this;
    }

    /** Each host's root is {@code hosts/NAME/sysroot} and its HOME {@code /root} inside it, as on a real machine. */
    public Builder sysroot() {
      this.sysroot = true;
      return this;
    }

    /** Each host's PATH starts with its own {@code hosts/NAME/bin} (the lab's dnf and rpm wrappers). */
    public Builder hostBinFirstOnPath() {
      this.hostBinFirst = true;
      return this;
    }

    /** The hosts and their files' places; nothing is written or started (for the lab's status and down). */
    public SshLab build() throws IOException {
      boolean temporary = dir == null;
      Path folder = temporary ? Files.createTempDirectory(TEMP_PREFIX) : dir;
      SshLab lab = new SshLab(folder, temporary, user);
      List<String[]> specs = new ArrayList<>(named);
      if (specs.isEmpty()) {
        int dot = baseAddress.lastIndexOf('.');
        int first = Integer.parseInt(baseAddress.substring(dot + 1));
        if (first + count - 1 > 254) {
          throw new IllegalArgumentException("too many hosts after " + baseAddress);
        }
        for (int k = 0; k < count; k++) {
          specs.add(new String[] {"host" + (k + 1), baseAddress.substring(0, dot + 1) + (first + k)});
        }
      }
      for (String[] spec : specs) {
        lab.hosts.add(new LabHost(lab, spec[0], spec[1], folder.resolve("hosts").resolve(spec[0]), sysroot,
            hostBinFirst));
      }
      return lab;
    }

    /**
     * Test hosts: sshd processes of this JVM, stopped on {@link #close} (or when the JVM exits). Without sshd, or
     * without root (port 22), the calling test is skipped with the reason, or fails under CI.
     */
    public SshLab start() throws IOException {
      RealParts.requireRoot("sshd test hosts on port 22");
      RealParts.requirePrograms("openssh-server", LabHost.SSHD.toString());
      RealParts.requirePrograms("openssh-client", "ssh-keygen");
      SshLab lab = build();
      Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
      try {
        if (lab.temporary) {
          Files.writeString(lab.dir.resolve(StaleLabs.OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        }
        lab.prepare();
        for (LabHost host : lab.hosts) {
          host.start();
        }
      } catch (IOException | RuntimeException e) {
        lab.close();
        throw e;
      }
      return lab;
    }

    private static String loopback(String address) {
      if (!address.startsWith("127.")) {
        throw new IllegalArgumentException("lab hosts live on loopback only (127.0.0.0/8), not " + address);
      }
      return address;
    }
  }

  /**
   * Writes everything the hosts need before their sshd starts: the client key (kept when there is one),
   * authorized_keys, each host's folders, key and sshd_config, and known_hosts with every host key.
   */
  public void prepare() throws IOException {
    Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory; no systemd here
    Files.createDirectories(ssh());
    // sshd reads authorized_keys as the login user, who may not be root
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(ssh(), PosixFilePermissions.fromString("rwxr-xr-x"));
    if (!Files.exists(clientKey())) {
      keygen(clientKey(), "provision-lab-client");
    }
    Files.copy(Path.of(clientKey() + ".pub"), authorizedKeys(), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(authorizedKeys(), PosixFilePermissions.fromString("rw-r--r--"));
    StringBuilder knownHosts = new StringBuilder();
    for (LabHost host : hosts) {
      host.prepare();
      String[] key = host.hostPublicKey().split("\\s+");
      knownHosts.append(host.address()).append(' ').append(key[0]).append(' ').append(key[1]).append('\n');
    }
    Files.writeString(knownHosts(), knownHosts.toString(), StandardCharsets.UTF_8);
  }

  static void keygen(Path file, String comment) throws LabException {
    Processes.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file.toString()));
  }

  public List<LabHost> hosts() {
    return List.copyOf(hosts);
  }

  public LabHost host(int index) {
    return hosts.get(index);
  }

  public Path dir() {
    return dir;
  }

  public String user() {
    return user;
  }

  private Path ssh() {
    return dir.resolve("ssh");
  }

  public Path clientKey() {
    return ssh().resolve("id_ed25519");
  }

  public Path authorizedKeys() {
    return ssh().resolve("authorized_keys");
  }

  /** known_hosts with one plain line per host ({@code 127.0.2.K ssh-ed25519 ...}). */
  public Path knownHosts() {
    return ssh().resolve("known_hosts");
  }

  /**
   * Writes a YAML inventory (group {@code lab}) with the connection variables of every host and
   * {@code lab_root}, the host's data directory.
   */
  public Path writeInventory(Path file) throws IOException {
    StringBuilder out = new StringBuilder("all:\n  children:\n    lab:\n      hosts:\n");
    for (LabHost host : hosts) {
      out.append("        ").append(host.name()).append(":\n")
          .append("          ansible_host: ").append(host.address()).append('\n')
          .append("          ansible_port: 22\n")
          .append("          ansible_user: ").append(user).append('\n')
          .append("          ansible_ssh_private_key_file: ").append(clientKey()).append('\n')
          .append("          ansible_ssh_known_hosts_file: ").append(knownHosts()).append('\n')
          .append("          lab_root: ").append(host.root()).append('\n');
    }
    Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private void stopAll() {
    hosts.forEach(LabHost::stop);
  }

  /** Stops the hosts; a temporary folder is deleted. */
  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or ran: the hosts are stopped either way.
    }
    if (temporary) {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Temp files only; leaving some behind is harmless.
    }
  }
}
