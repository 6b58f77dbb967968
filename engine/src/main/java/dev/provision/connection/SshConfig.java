package dev.provision.connection;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * The sshj configuration all SSH connections share, built once; the lists are cut down to modern
 * algorithms with the fast ones first: curve25519-sha256 key exchange, ed25519 host keys, AES-GCM.
 * sshj's DefaultConfig probes all its 33 ciphers (Twofish, Serpent, 3DES... loading and keying
 * each), which was a third of a run's start-up CPU: {@link LeanConfig} probes only the five we keep.
 */
final class SshConfig {

  private static final List<String> KEX = List.of(
      "curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384",
      "ecdh-sha2-nistp521", "diffie-hellman-group-exchange-sha256", "diffie-hellman-group16-sha512",
      "diffie-hellman-group14-sha256", "ext-info-c");
  private static final List<String> KEY_ALGORITHMS = List.of(
      "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512",
      "rsa-sha2-256", "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com");
  private static final List<String> CIPHERS = List.of(
      "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com", "aes128-ctr",
      "aes256-ctr");
  private static final List<String> MACS = List.of(
      "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512");

  private static volatile Config shared;

  private SshConfig() {}

  /**
   * Builds the configuration and BouncyCastle's curve tables on a daemon thread, so that this
   * one-time work (about 0.1 s of CPU) runs beside the caller's start-up instead of inside the
   * first handshakes, which would all wait for it.
   */
  static void warmUp() {
    Thread t = new Thread(() -> {
      shared();
      try { // one key pair of each kind builds the providers' curve tables once
        SecurityUtils.getKeyPairGenerator("X25519").generateKeyPair();
        SecurityUtils.getKeyPairGenerator("Ed25519").generateKeyPair();
      } catch (java.security.GeneralSecurityException | RuntimeException e) {
        // only a head start: the handshakes do this work themselves if it failed here
      }
    }, "provision-ssh-warm-up");
    t.setDaemon(true);
    t.start();
  }

  static Config shared() {
    Config config = shared;
    if (config == null) {
      synchronized (SshConfig.class) {
        if (shared == null) {
          shared = build();
        }
        config = shared;
      }
    }
    return config;
  }

  private static Config build() {
    DefaultConfig config = new LeanConfig();
    config.setKeyExchangeFactories(pick(config.getKeyExchangeFactories(), KEX));
    config.setKeyAlgorithms(pick(config.getKeyAlgorithms(), KEY_ALGORITHMS));
    config.setCipherFactories(pick(config.getCipherFactories(), CIPHERS));
    config.setMACFactories(pick(config.getMACFactories(), MACS));
    // Detects a host that stopped answering (frozen, cable pulled) during a long, silent command.
    config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    return config;
  }

  /** sshj's defaults, except that only the ciphers we offer are created and probed. */
  private static final class LeanConfig extends DefaultConfig {
    @Override
    protected void initCipherFactories() {
      List<Factory.Named<Cipher>> usable = new ArrayList<>();
      for (Factory.Named<Cipher> f : List.<Factory.Named<Cipher>>of(GcmCiphers.AES128GCM(), GcmCiphers.AES256GCM(),
          ChachaPolyCiphers.CHACHA_POLY_OPENSSH(), BlockCiphers.AES128CTR(), BlockCiphers.AES256CTR())) {
        try { // the probe DefaultConfig does: a cipher the JCE cannot key is not offered
          Cipher c = f.create();
          c.init(Cipher.Mode.Encrypt, new byte[c.getBlockSize()], new byte[c.getIVSize()]);
          usable.add(f);
        } catch (RuntimeException e) {
          // not available in this JVM
        }
      }
      setCipherFactories(usable);
    }
  }

  /** Keeps the named factories in the order of {@code names}, skipping what sshj lacks. */
  private static <T extends Factory.Named<?>> List<T> pick(List<T> available, List<String> names) {
    Set<String> wanted = Set.copyOf(names);
    return available.stream()
        .filter(f -> wanted.contains(f.getName()))
        .sorted(java.util.Comparator.comparingInt(f -> names.indexOf(f.getName())))
        .toList();
  }
}
