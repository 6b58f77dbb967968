package dev.provision.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ansible Vault's format ({@code $ANSIBLE_VAULT;1.1;AES256} and 1.2 with a vault-id label), as
 * ansible-vault writes it: PBKDF2-HMAC-SHA256 (10,000 rounds) of the password and a 32-byte salt gives
 * an AES-256 key, an HMAC-SHA256 key and a CTR counter; the body is the hex of
 * {@code hex(salt) \n hex(hmac) \n hex(ciphertext)}, in lines of 80. The HMAC is checked before
 * decrypting, so a wrong password is told apart from a damaged text.
 */
public final class VaultCipher {

  public static final String MAGIC = "$ANSIBLE_VAULT;";
  private static final int ROUNDS = 10_000;
  private static final HexFormat HEX = HexFormat.of();

  /** A parsed vault header and body. {@code label} is null in format 1.1. */
  public record Envelope(String version, String cipher, String label, byte[] salt, byte[] hmac, byte[] ciphertext) {}

  private VaultCipher() {}

  /** Whether {@code text} is vault-encrypted (its first line is a vault header). */
  public static boolean isVault(String text) {
    return text != null && text.stripLeading().startsWith(MAGIC);
  }

  /** The header and body of a vault text, or why it is not one. */
  public static Envelope parse(String text) throws VaultException {
    String[] lines = text.strip().split("\\R");
    String[] header = lines[0].strip().split(";");
    if (header.length < 3 || !header[0].equals("$ANSIBLE_VAULT")) {
      throw new VaultException("not a vault text: the first line is not `$ANSIBLE_VAULT;1.1;AES256`",
          "encrypt it with `ansible-vault encrypt`");
    }
    String version = header[1].strip();
    String cipher = header[2].strip();
    if (!version.equals("1.1") && !version.equals("1.2")) {
      throw new VaultException("vault format " + version + " is not supported yet (1.1 and 1.2 are)",
          "re-encrypt it with a current `ansible-vault rekey`");
    }
    if (!cipher.equals("AES256")) {
      throw new VaultException("vault cipher " + cipher + " is not supported yet (AES256 is)",
          "re-encrypt it with `ansible-vault rekey`, whose cipher is AES256");
    }
    String label = version.equals("1.2") && header.length > 3 ? header[3].strip() : null;
    StringBuilder hex = new StringBuilder();
    for (int i = 1; i < lines.length; i++) {
      hex.append(lines[i].strip());
    }
    try {
      String[] parts = new String(HEX.parseHex(hex), StandardCharsets.US_ASCII).split("\n");
      if (parts.length != 3) {
        throw new IllegalArgumentException("expected salt, hmac and ciphertext");
      }
      return new Envelope(version, cipher, label, HEX.parseHex(parts[0].strip()), HEX.parseHex(parts[1].strip()),
          HEX.parseHex(parts[2].strip()));
    } catch (IllegalArgumentException e) {
      throw new VaultException("the vault text is damaged: its body is not the hex ansible-vault writes",
          "check that the whole block was copied, its indentation included");
    }
  }

  /** The plaintext of {@code text} with {@code password}; a wrong password is a VaultException. */
  public static String decrypt(String text, byte[] password) throws VaultException {
    return decrypt(parse(text), password);
  }

  static String decrypt(Envelope e, byte[] password) throws VaultException {
    Keys keys = derive(password, e.salt());
    try {
      if (!MessageDigest.isEqual(hmac(keys, e.ciphertext()), e.hmac())) {
        throw new WrongPassword();
      }
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.cipher, "AES"), new IvParameterSpec(keys.counter));
      byte[] padded = aes.doFinal(e.ciphertext());
      return new String(unpad(padded), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException x) {
      throw new VaultException("cannot decrypt: " + x.getMessage(), null);
    } finally {
      keys.wipe();
    }
  }

  /** {@code plaintext} encrypted as ansible-vault does (1.2 when {@code label} is given, else 1.1). */
  public static String encrypt(String plaintext, byte[] password, String label) {
    byte[] salt = new byte[32];
    new SecureRandom().nextBytes(salt);
    Keys keys = derive(password, salt);
    try {
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.cipher, "AES"), new IvParameterSpec(keys.counter));
      byte[] ciphertext = aes.doFinal(pad(plaintext.getBytes(StandardCharsets.UTF_8)));
      String inner = HEX.formatHex(salt) + "\n" + HEX.formatHex(hmac(keys, ciphertext)) + "\n" + HEX.formatHex(ciphertext);
      String body = HEX.formatHex(inner.getBytes(StandardCharsets.US_ASCII));
      StringBuilder out = new StringBuilder(label == null ? "$ANSIBLE_VAULT;1.1;AES256" : "$ANSIBLE_VAULT;1.2;AES256;" + label);
      for (int i = 0; i < body.length(); i += 80) {
        out.append('\n').append(body, i, Math.min(body.length(), i + 80));
      }
      return out.append('\n').toString();
    } catch (GeneralSecurityException x) {
      throw new IllegalStateException("AES-256-CTR is part of every JDK", x);
    } finally {
      keys.wipe();
    }
  }

  /** A password that does not open the text (its HMAC differs). */
  static final class WrongPassword extends VaultException {
    WrongPassword() {
      super("the vault password does not decrypt it", "give the password it was encrypted with");
    }
  }

  private record Keys(byte[] cipher, byte[] mac, byte[] counter) {
    void wipe() {
      Arrays.fill(cipher, (byte) 0);
      Arrays.fill(mac, (byte) 0);
    }
  }

  private static Keys derive(byte[] password, byte[] salt) {
    byte[] derived = pbkdf2(password, salt, 32 + 32 + 16);
    try {
      return new Keys(Arrays.copyOfRange(derived, 0, 32), Arrays.copyOfRange(derived, 32, 64),
          Arrays.copyOfRange(derived, 64, 80));
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /** PBKDF2-HMAC-SHA256 over the password's bytes as they are (the JDK's PBEKeySpec would take chars). */
  private static byte[] pbkdf2(byte[] password, byte[] salt, int length) {
    try {
      Mac prf = Mac.getInstance("HmacSHA256");
      // an empty password is a valid key for HMAC but not for SecretKeySpec: one zero byte is the same key
      prf.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA256"));
      byte[] out = new byte[length];
      byte[] block = new byte[32];
      for (int i = 1, done = 0; done < length; i++, done += 32) {
        prf.update(salt);
        prf.update(new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
        byte[] u = prf.doFinal();
        System.arraycopy(u, 0, block, 0, 32);
        for (int r = 1; r < ROUNDS; r++) {
          u = prf.doFinal(u);
          for (int k = 0; k < 32; k++) {
            block[k] ^= u[k];
          }
        }
        System.arraycopy(block, 0, out, done, Math.min(32, length - done));
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] hmac(Keys keys, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(keys.mac, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] pad(byte[] data) {
    int n = 16 - data.length % 16;
    byte[] out = Arrays.copyOf(data, data.length + n);
    Arrays.fill(out, data.length, out.length, (byte) n);
    return out;
  }

  private static byte[] unpad(byte[] data) throws VaultException {
    int n = data.length == 0 ? 0 : data[data.length - 1] & 0xff;
    if (n < 1 || n > 16 || n > data.length) {
      throw new VaultException("the vault text is damaged: its padding is wrong", null);
    }
    return Arrays.copyOf(data, data.length - n);
  }
}
