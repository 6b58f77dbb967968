package dev.provision.connection;

import dev.provision.connection.hostkey.KnownHostsVerifier;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * Opens an authenticated sshj client for a spec: TCP connect (bounded by the connect timeout),
 * strict host key check against known_hosts, public key login. Every failure becomes a
 * {@link ConnectionException} whose kind says what went wrong and whose message says what to do.
 */
final class SshConnector {

  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");
  private static final int KEEPALIVE_SECONDS = 5;
  private static final int KEEPALIVE_MISSES = 3;

  private final ConnectionSpec spec;
  private final SshTarget target;

  SshConnector(ConnectionSpec spec, SshTarget target) {
    this.spec = spec;
    this.target = target;
  }

  Duration connectTimeout() {
    return spec.connectTimeout() != null ? spec.connectTimeout() : DEFAULT_CONNECT_TIMEOUT;
  }

  SSHClient open() throws ConnectionException {
    Duration connectTimeout = connectTimeout();
    int timeoutMs = (int) Math.max(1, connectTimeout.toMillis());
    KnownHostsVerifier verifier = new KnownHostsVerifier(target.knownHosts(), spec.acceptNewHostKeys());
    SSHClient client = new SSHClient(SshConfig.shared());
    client.addHostKeyVerifier(verifier);
    client.setSocketFactory(new NoDelaySockets());
    client.setConnectTimeout(timeoutMs);
    // Bounds the handshake too (a frozen sshd accepts TCP but never answers); lifted after login.
    client.setTimeout(timeoutMs);
    client.getTransport().setTimeoutMs(timeoutMs);
    try {
      connect(client, verifier);
      authenticate(client);
      client.getSocket().setSoTimeout(0);
      KeepAliveRunner keepAlive = (KeepAliveRunner) client.getConnection().getKeepAlive();
      keepAlive.setMaxAliveCount(KEEPALIVE_MISSES);
      keepAlive.setKeepAliveInterval(KEEPALIVE_SECONDS);
      return client;
    } catch (ConnectionException | IOException | RuntimeException e) {
      closeQuietly(client);
      if (e instanceof ConnectionException ce) {
        throw ce;
      }
      throw new ConnectionException(
          ConnectionException.Kind.UNREACHABLE, spec.host(), "cannot set up ssh to " + target + ": " + e, e);
    }
  }

  private void connect(SSHClient client, KnownHostsVerifier verifier) throws ConnectionException {
    try {
      client.connect(target.address(), target.port());
    } catch (TransportException e) {
      if (verifier.rejection().isPresent()) {
        throw new ConnectionException(
            ConnectionException.Kind.HOST_KEY, spec.host(), verifier.rejection().get().message(), e);
      }
      throw unreachable("ssh handshake with " + target.address() + ":" + target.port() + " failed", e,
          "check that port " + target.port() + " of " + target.address() + " is an SSH server (ansible_port)");
    } catch (ConnectException e) {
      throw unreachable("connection to " + target.address() + ":" + target.port() + " refused", e,
          "check that sshd runs on " + target.address() + " and listens on port " + target.port()
              + " (ansible_port), and that ansible_host is the right machine");
    } catch (SocketTimeoutException e) {
      throw unreachable("no answer from " + target.address() + ":" + target.port() + " within "
          + Durations.format(connectTimeout()), e,
          "check the address (ansible_host), the port (ansible_port), that the machine is up, and firewalls");
    } catch (NoRouteToHostException e) {
      throw unreachable("no route to " + target.address(), e,
          "check the address (ansible_host) and this machine's network");
    } catch (UnknownHostException e) {
      throw unreachable("unknown host name " + target.address(), e, nameHint());
    } catch (IOException e) {
      throw unreachable("cannot connect to " + target.address() + ":" + target.port(), e,
          "check the address (ansible_host) and the port (ansible_port)");
    }
  }

  private void authenticate(SSHClient client) throws ConnectionException {
    List<Path> keys = keyFiles();
    List<KeyProvider> providers = new ArrayList<>();
    for (Path key : keys) {
      try {
        providers.add(LoadedKeys.get(client, key));
      } catch (IOException e) {
        throw new ConnectionException(ConnectionException.Kind.AUTHENTICATION, spec.host(),
            "cannot read private key " + key + " for " + target + ": " + e.getMessage(), e);
      }
    }
    try {
      client.authPublickey(target.user(), providers);
    } catch (UserAuthException e) {
      throw new ConnectionException(ConnectionException.Kind.AUTHENTICATION, spec.host(),
          "ssh login as " + target + " failed: the server accepted none of the keys " + keys
              + "\nhint: check that the public key is in " + target.user() + "'s authorized_keys, that ansible_user is"
              + " right, and the key file (ansible_ssh_private_key_file)", e);
    } catch (TransportException e) {
      throw unreachable("connection to " + target + " dropped during login", e);
    }
  }

  /** ansible_ssh_private_key_file, else the usual ~/.ssh/id_* files that exist. */
  private List<Path> keyFiles() throws ConnectionException {
    if (spec.privateKey() != null) {
      return List.of(spec.privateKey());
    }
    Path dir = Path.of(System.getProperty("user.home"), ".ssh");
    List<Path> found = DEFAULT_KEYS.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
    if (found.isEmpty()) {
      throw new ConnectionException(ConnectionException.Kind.AUTHENTICATION, spec.host(),
          "no private key for " + target + ": set ansible_ssh_private_key_file, or create " + dir.resolve("id_ed25519"));
    }
    return found;
  }

  /** A name this machine cannot resolve: either resolution is missing, or the address is. */
  private String nameHint() {
    String name = target.address();
    return name.equals(spec.host())
        ? "check that `" + name + "` resolves on this machine (DNS or /etc/hosts), or set ansible_host to its address"
        : "check that ansible_host `" + name + "` resolves on this machine (DNS or /etc/hosts), or give an IP address";
  }

  private ConnectionException unreachable(String what, Exception cause) {
    return unreachable(what, cause, null);
  }

  /** The message's first line says what failed; the next one, when known, what to check. */
  private ConnectionException unreachable(String what, Exception cause, String hint) {
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new ConnectionException(ConnectionException.Kind.UNREACHABLE, spec.host(),
        "host " + spec.host() + " unreachable: " + what + " (" + detail + ")" + (hint == null ? "" : "\nhint: " + hint),
        cause);
  }

  static void closeQuietly(SSHClient client) {
    try {
      client.disconnect();
    } catch (IOException | RuntimeException ignored) {
      // Already gone; nothing to release.
    }
  }
}
