package dev.provision.connection.hostkey;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Checks server keys strictly against a known_hosts file. With {@code acceptNew} an unknown key is
 * appended and accepted, as OpenSSH's {@code StrictHostKeyChecking=accept-new}; a changed or
 * revoked key is refused either way. One verifier serves one connection attempt.
 */
public final class KnownHostsVerifier implements HostKeyVerifier {

  /** Serialises appends to one file from parallel connections of this process. */
  private static final ConcurrentHashMap<Path, Object> APPEND_LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final boolean acceptNew;
  private volatile HostKeyRejection rejection;
  private volatile boolean accepted;

  public KnownHostsVerifier(Path file, boolean acceptNew) {
    this.file = file.toAbsolutePath().normalize();
    this.acceptNew = acceptNew;
  }

  @Override
  public boolean verify(String host, int port, PublicKey key) {
    String keyType = KeyType.fromKey(key).toString();
    byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    String name = KnownHosts.hostName(host, port);
    String fingerprint = Fingerprints.sha256(blob);
    try {
      HostKeyCheck check = KnownHosts.read(file).check(name, keyType, blob);
      if (check.verdict() == HostKeyCheck.Verdict.KNOWN) {
        return true;
      }
      if (check.verdict() == HostKeyCheck.Verdict.UNKNOWN && acceptNew) {
        return appendIfStillUnknown(name, keyType, blob, fingerprint, host, port);
      }
      rejection = new HostKeyRejection(host, port, keyType, fingerprint, file, check, null);
      return false;
    } catch (IOException e) {
      rejection = new HostKeyRejection(host, port, keyType, fingerprint, file, null, String.valueOf(e));
      return false;
    }
  }

  private boolean appendIfStillUnknown(
      String name, String keyType, byte[] blob, String fingerprint, String host, int port) throws IOException {
    synchronized (APPEND_LOCKS.computeIfAbsent(file, f -> new Object())) {
      HostKeyCheck again = KnownHosts.read(file).check(name, keyType, blob);
      switch (again.verdict()) {
        case KNOWN:
          return true;
        case UNKNOWN:
          KnownHosts.append(file, name, keyType, blob);
          accepted = true;
          return true;
        default:
          rejection = new HostKeyRejection(host, port, keyType, fingerprint, file, again, null);
          return false;
      }
    }
  }

  @Override
  public List<String> findExistingAlgorithms(String host, int port) {
    try {
      return KnownHosts.read(file).keyTypes(KnownHosts.hostName(host, port));
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Why the last key was refused, if it was. */
  public Optional<HostKeyRejection> rejection() {
    return Optional.ofNullable(rejection);
  }

  /** Whether a new key was added to the file (accept-new). */
  public boolean acceptedNewKey() {
    return accepted;
  }

  public Path file() {
    return file;
  }
}
