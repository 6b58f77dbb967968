package dev.provision.modules.download;

import dev.provision.module.ModuleException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A SHA-256 digest as 64 lower-case hex digits, the way {@code sha256sum} prints it. Parsed from
 * the {@code checksum} parameter ({@code sha256:<hex>}, as Ansible writes it) or from tool output.
 */
public record Sha256(String hex) {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public Sha256 {
    hex = hex.toLowerCase(Locale.ROOT);
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a SHA-256 digest: " + hex);
    }
  }

  /** {@code sha256:<64 hex digits>}; other algorithms and checksum URLs are refused with a reason. */
  public static Sha256 parseChecksum(String text) throws ModuleException {
    String t = text.strip();
    int colon = t.indexOf(':');
    if (colon < 0) {
      throw new ModuleException("checksum `" + text + "` must be written as sha256:<64 hex digits>");
    }
    String algorithm = t.substring(0, colon).toLowerCase(Locale.ROOT);
    String value = t.substring(colon + 1).strip();
    if (!algorithm.equals("sha256")) {
      throw new ModuleException("checksum algorithm `" + algorithm + "` is not supported; use sha256:<64 hex digits>");
    }
    if (value.startsWith("http://") || value.startsWith("https://")) {
      throw new ModuleException("checksum URLs are not supported; pin the digest itself as sha256:<64 hex digits>");
    }
    if (!HEX.matcher(value.toLowerCase(Locale.ROOT)).matches()) {
      throw new ModuleException("checksum `" + text + "` is not sha256: followed by 64 hex digits");
    }
    return new Sha256(value);
  }

  /** The first word of a {@code sha256sum} output line. */
  public static Sha256 ofSumLine(String line) throws ModuleException {
    String word = line.strip().split("\\s+", 2)[0];
    try {
      return new Sha256(word);
    } catch (IllegalArgumentException e) {
      throw new ModuleException("unexpected sha256sum output `" + line.strip() + "`");
    }
  }

  /** Twelve digits and an ellipsis, for messages. */
  public String shortForm() {
    return hex.substring(0, 12) + "…";
  }

  @Override
  public String toString() {
    return hex;
  }
}
