package dev.provision.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The vault passwords of this run (from {@code --vault-password-file}, {@code --vault-id},
 * {@code --ask-vault-pass}, ANSIBLE_VAULT_PASSWORD_FILE or ansible.cfg) and every value they revealed.
 * One per process, installed by the command line before anything is read: vault texts sit in
 * inventories, vars files and extra-vars files alike, and all of them are read through
 * {@code yaml.YamlReader}, which asks this keyring. Each revealed value is handed to the run's
 * redactor, so a decrypted value never reaches output, logs or plan files.
 */
public final class VaultKeyring {

  /** One password, with the vault id it was given for ({@code default} when none). */
  public record Secret(String id, byte[] password, String source) {}

  private static volatile VaultKeyring current = new VaultKeyring(List.of());

  private final List<Secret> secrets;
  private final Set<String> revealed = ConcurrentHashMap.newKeySet();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public VaultKeyring(List<Secret> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  /** The keyring every read of this process uses. */
  public static VaultKeyring current() {
    return current;
  }

  /** Installs {@code keyring} for this process (the command line does, once, before loading anything). */
  public static void install(VaultKeyring keyring) {
    current = keyring;
  }

  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  /** Where the passwords came from, for messages ("--vault-password-file pw.txt"); never the passwords. */
  public List<String> sources() {
    return secrets.stream().map(Secret::source).toList();
  }

  /**
   * The plaintext of a vault text. As Ansible, a 1.2 text's own vault id is tried first, then every
   * password in the order given.
   */
  public String decrypt(String vaultText) throws VaultException {
    VaultCipher.Envelope envelope = VaultCipher.parse(vaultText);
    if (secrets.isEmpty()) {
      throw new VaultException("it is vault-encrypted and no vault password was given",
          "give one: --vault-password-file FILE, --vault-id [ID@]FILE, --ask-vault-pass, or ANSIBLE_VAULT_PASSWORD_FILE");
    }
    List<Secret> order = new ArrayList<>();
    secrets.stream().filter(s -> s.id().equals(envelope.label())).forEach(order::add);
    secrets.stream().filter(s -> !order.contains(s)).forEach(order::add);
    for (Secret secret : order) {
      try {
        String plaintext = VaultCipher.decrypt(envelope, secret.password());
        reveal(plaintext);
        return plaintext;
      } catch (VaultCipher.WrongPassword wrong) {
        // try the next one
      }
    }
    throw new VaultException("no vault password given decrypts it" + (envelope.label() == null ? ""
        : " (it names vault id `" + envelope.label() + "`)") + "; tried " + String.join(", ", sources()),
        "give the password it was encrypted with");
  }

  /** Records a secret value (a decrypted value, or a value read from a decrypted file). */
  public void reveal(String value) {
    if (value != null && revealed.add(value)) {
      listeners.forEach(l -> l.accept(value));
    }
  }

  /** Calls {@code listener} with every value revealed so far and every one revealed later. */
  public void onReveal(Consumer<String> listener) {
    listeners.add(listener);
    revealed.forEach(listener);
  }
}
