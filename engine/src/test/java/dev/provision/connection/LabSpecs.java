package dev.provision.connection;

import dev.provision.lab.ssh.LabHost;
import java.time.Duration;

/**
 * Connection specs for the lab's sshd hosts (the lab module knows no engine class, so the engine's
 * tests map); in the engine's test jar, for every module's tests over real ssh.
 */
public final class LabSpecs {

  private LabSpecs() {}

  /** The lab's login user, client key and known_hosts file; 5 s to connect. */
  public static ConnectionSpec of(LabHost host) {
    return of(host, host.lab().user());
  }

  public static ConnectionSpec of(LabHost host, String user) {
    return new ConnectionSpec(host.name(), "ssh", host.address(), 22, user, host.lab().clientKey(),
        host.lab().knownHosts(), false, Duration.ofSeconds(5), null);
  }
}
