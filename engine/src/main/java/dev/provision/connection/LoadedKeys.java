package dev.provision.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * Private keys read once per run instead of once per connection: parsing an OpenSSH ed25519 key
 * derives its public key (a scalar multiplication), which was a fifth of a handshake's CPU. A
 * key file that changes (time or size) is read again; a key that fails to load is not kept.
 */
final class LoadedKeys {

  private record Id(Path path, long modified, long size) {}

  private static final Map<Id, KeyProvider> LOADED = new ConcurrentHashMap<>();

  private LoadedKeys() {}

  static KeyProvider get(SSHClient client, Path key) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(key, BasicFileAttributes.class);
    } catch (IOException unreadable) {
      return client.loadKeys(key.toString()); // fails with sshj's own message, as before
    }
    Id id = new Id(key.toAbsolutePath().normalize(), attributes.lastModifiedTime().toMillis(), attributes.size());
    KeyProvider provider = LOADED.get(id);
    if (provider == null) {
      provider = client.loadKeys(key.toString());
      LOADED.putIfAbsent(id, provider);
    }
    return provider;
  }
}
