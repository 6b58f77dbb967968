package dev.provision.modules.files;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 (and SHA-1, Ansible's checksum) as lower-case hex, the way {@code sha256sum} prints it. */
final class Checksums {

  private Checksums() {}

  static String sha256(byte[] bytes) {
    return hex("SHA-256", bytes);
  }

  static String sha1(byte[] bytes) {
    return hex("SHA-1", bytes);
  }

  static String md5(byte[] bytes) {
    return hex("MD5", bytes);
  }

  private static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }
}
