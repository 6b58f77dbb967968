package dev.provision.vault;

/** A vault text that cannot be read or decrypted; the message says why in words, never the password. */
public class VaultException extends Exception {

  private final String hint;

  public VaultException(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  /** What to do about it. */
  public String hint() {
    return hint;
  }
}
