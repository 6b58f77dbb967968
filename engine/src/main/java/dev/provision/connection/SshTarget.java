package dev.provision.connection;

import java.nio.file.Path;

/** The resolved ssh coordinates of a spec, with OpenSSH's defaults filled in. */
record SshTarget(String user, String address, int port, Path knownHosts) {

  static SshTarget of(ConnectionSpec spec) {
    String user = spec.user() != null ? spec.user() : System.getProperty("user.name");
    String address = spec.address() != null ? spec.address() : spec.host();
    int port = spec.port() > 0 ? spec.port() : 22;
    Path knownHosts = spec.knownHosts() != null
        ? spec.knownHosts()
        : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    return new SshTarget(user, address, port, knownHosts);
  }

  boolean root() {
    return "root".equals(user);
  }

  @Override
  public String toString() {
    return user + "@" + address + ":" + port;
  }
}
