package dev.provision.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real SSH hosts for tests: N Debian {@code /usr/sbin/sshd} processes, host K on 127.0.B.(F+K-1)
 * port 22 (see /work/shared/notes/ssh-lab.md). Key-only login with a generated client key, a
 * known_hosts file with every host key, and everything stopped (by PID) on {@link #close}.
 *
 * <pre>{@code
 * try (SshLab lab = SshLab.builder().hosts(3).baseAddress("127.0.2.1").start()) {
 *   Connection c = new DefaultConnectionFactory().open(lab.host(0).spec());
 * }
 * }</pre>
 *
 * Parallel test classes must use distinct address ranges. If sshd is missing the calling test is
 * skipped with a reason, or fails when the environment variable CI is set.
 */
public final class SshLab implements AutoCloseable {

  private final Path dir;
  private final String user;
  private final List<LabHost> hosts = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopAll, "ssh-lab-shutdown");

  private SshLab(Path dir, String user) {
    this.dir = dir;
    this.user = user;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options: how many hosts, the first address, the login user. */
  public static final class Builder {
    private int count = 1;
    private String baseAddress = "127.0.2.1";
    private String user = "root";

    public Builder hosts(int n) {
      this.count = n;
      return this;
    }

    /** Address of the first host; the others follow in the last octet. Must be in 127.0.0.0/8. */
    public Builder baseAddress(String address) {
      if (!address.startsWith("127.")) {
        throw new IllegalArgumentException("lab hosts live on loopback only (127.0.0.0/8), not " + address);
      }
      this.baseAddress = address;
      return this;
    }

    /** The login user of {@link LabHost#spec()}; the client key works for every user. */
    public Builder user(String name) {
      this.user = name;
      return this;
    }

    public SshLab start() throws IOException {
      LabTools.require(LabTools.SSHD, "openssh-server");
      LabTools.require(Path.of("/usr/bin/ssh-keygen"), "openssh-client");
      Files.createDirectories(Path.of("/run/sshd"));
      Path dir = Files.createTempDirectory("provision-sshlab-");
      // sshd reads authorized_keys as the login user, who may not be root.
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.writeString(dir.resolve(StaleLabs.OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
      SshLab lab = new SshLab(dir, user);
      Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
      try {
        lab.setUp(count, baseAddress);
      } catch (IOException | RuntimeException e) {
        lab.close();
        throw e;
      }
      return lab;
    }
  }

  private void setUp(int count, String baseAddress) throws IOException {
    LabTools.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "provision-lab", "-f", clientKey().toString()));
    Files.copy(Path.of(clientKey() + ".pub"), authorizedKeys());
    Files.setPosixFilePermissions(authorizedKeys(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    int dot = baseAddress.lastIndexOf('.');
    String prefix = baseAddress.substring(0, dot + 1);
    int first = Integer.parseInt(baseAddress.substring(dot + 1));
    if (first + count - 1 > 254) {
      throw new IllegalArgumentException("too many hosts after " + baseAddress);
    }
    StringBuilder knownHosts = new StringBuilder();
    for (int k = 0; k < count; k++) {
      String address = prefix + (first + k);
      LabHost host = new LabHost(this, "host" + (k + 1), address, dir.resolve("host" + (k + 1)));
      hosts.add(host);
      String[] key = host.hostPublicKey().split("\\s+");
      knownHosts.append(address).append(' ').append(key[0]).append(' ').append(key[1]).append('\n');
    }
    Files.writeString(knownHosts(), knownHosts.toString(), StandardCharsets.UTF_8);
    for (LabHost host : hosts) {
      host.start();
    }
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

  public Path clientKey() {
    return dir.resolve("id_ed25519");
  }

  public Path authorizedKeys() {
    return dir.resolve("authorized_keys");
  }

  /** known_hosts with one plain line per host ({@code 127.0.2.K ssh-ed25519 ...}). */
  public Path knownHosts() {
    return dir.resolve("known_hosts");
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

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or ran: the hosts are stopped either way.
    }
    deleteTree(dir);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Temp files only; leaving some behind is harmless.
    }
  }
}
