package dev.provision.modules.packages;

import dev.provision.module.ModuleException;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The primary key of an ASCII-armoured OpenPGP public key block (RFC 4880): its v4 fingerprint
 * (SHA-1 of the key packet) and key id (the fingerprint's last 16 hex digits), as {@code gpg
 * --with-colons} shows them, read here so that a plan needs no gpg on the host.
 */
record OpenPgpKey(String fingerprint) {

  static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
  static final String END = "-----END PGP PUBLIC KEY BLOCK-----";

  /** The long key id, upper case (gpg's field 5 of a {@code pub:} line). */
  String keyId() {
    return fingerprint.substring(fingerprint.length() - 16);
  }

  /** The short id rpm names the key's package by ({@code gpg-pubkey-<id>}): the last 8 digits, lower case. */
  String shortId() {
    return keyId().substring(8).toLowerCase(Locale.ROOT);
  }

  static OpenPgpKey parse(String armoured, String what) throws ModuleException {
    int begin = armoured == null ? -1 : armoured.indexOf(BEGIN);
    int end = begin < 0 ? -1 : armoured.indexOf(END, begin);
    if (end < 0) {
      throw new ModuleException(what + " is not an ASCII-armoured PGP public key (no " + BEGIN + " ... " + END + ")");
    }
    byte[] packets = body(armoured.substring(begin + BEGIN.length(), end), what);
    int tagByte = packets.length > 0 ? packets[0] & 0xff : 0;
    if ((tagByte & 0x80) == 0) {
      throw new ModuleException(what + ": not an OpenPGP packet");
    }
    int tag;
    int at;
    long length;
    if ((tagByte & 0x40) != 0) { // new format
      tag = tagByte & 0x3f;
      int first = packets[1] & 0xff;
      if (first < 192) {
        length = first;
        at = 2;
      } else if (first < 224) {
        length = ((first - 192) << 8) + (packets[2] & 0xff) + 192;
        at = 3;
      } else if (first == 255) {
        length = ((long) (packets[2] & 0xff) << 24) | ((packets[3] & 0xff) << 16) | ((packets[4] & 0xff) << 8) | (packets[5] & 0xff);
        at = 6;
      } else {
        throw new ModuleException(what + ": a partial-length key packet is not a public key");
      }
    } else { // old format
      tag = (tagByte >> 2) & 0x0f;
      int type = tagByte & 0x03;
      int bytes = type == 0 ? 1 : type == 1 ? 2 : type == 2 ? 4 : 0;
      if (bytes == 0) {
        throw new ModuleException(what + ": a key packet of indeterminate length");
      }
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = (length << 8) | (packets[1 + i] & 0xff);
      }
      at = 1 + bytes;
    }
    if (tag != 6) {
      throw new ModuleException(what + " does not start with a public key packet (packet type " + tag + ")");
    }
    if (at + length > packets.length || length < 1) {
      throw new ModuleException(what + ": the key packet is cut short");
    }
    int version = packets[at] & 0xff;
    if (version != 4) {
      throw new ModuleException(what + ": a version " + version + " OpenPGP key is not supported yet (version 4 keys are)");
    }
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update((byte) 0x99);
      sha1.update((byte) (length >> 8));
      sha1.update((byte) length);
      sha1.update(packets, at, (int) length);
      return new OpenPgpKey(HexFormat.of().withUpperCase().formatHex(sha1.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** The armour's base64 body: after the header lines and the blank line, before the {@code =} checksum line. */
  private static byte[] body(String armour, String what) throws ModuleException {
    String[] lines = armour.split("\r?\n");
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++; // the rest of the BEGIN line
    }
    boolean headers = false;
    for (int j = i; j < lines.length; j++) {
      if (lines[j].isBlank()) {
        headers = true;
        i = j + 1;
        break;
      }
      if (!lines[j].contains(": ")) {
        break;
      }
    }
    ByteArrayOutputStream base64 = new ByteArrayOutputStream();
    for (int j = headers ? i : i; j < lines.length; j++) {
      String line = lines[j].strip();
      if (line.startsWith("=") || line.isEmpty() && base64.size() > 0) {
        break;
      }
      base64.writeBytes(line.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    try {
      return Base64.getDecoder().decode(base64.toByteArray());
    } catch (IllegalArgumentException e) {
      throw new ModuleException(what + ": the key's armour is not base64: " + e.getMessage());
    }
  }
}
