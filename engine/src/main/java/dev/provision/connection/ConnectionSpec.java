package dev.provision.connection;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach one host, from its inventory variables ({@code ansible_host}, {@code ansible_port},
 * {@code ansible_user}, {@code ansible_ssh_private_key_file}, {@code ansible_connection},
 * {@code ansible_ssh_known_hosts_file}). Paths may be null (defaults: ~/.ssh/id_*,
 * ~/.ssh/known_hosts).
 */
public record ConnectionSpec(
    String host,
    String type,
    String address,
    int port,
    String user,
    Path privateKey,
    Path knownHosts,
    boolean acceptNewHostKeys,
    Duration connectTimeout,
    SudoPassword sudoPassword) {

  public boolean isLocal() {
    return "local".equals(type);
  }

  /** Where a sudo password comes from: never argv, never logs. Null value means passwordless sudo. */
  public interface SudoPassword {
    char[] get();
  }
}
