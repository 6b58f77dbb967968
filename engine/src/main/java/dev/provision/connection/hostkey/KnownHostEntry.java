package dev.provision.connection.hostkey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key line of an OpenSSH known_hosts file. {@code patterns} are the comma-separated host
 * patterns (with {@code !negation}, {@code *} and {@code ?}), or a single hashed
 * {@code |1|salt|hash} entry. {@code marker} is {@code @revoked}, {@code @cert-authority} or null.
 */
public record KnownHostEntry(int line, String marker, List<String> patterns, String keyType, byte[] key) {

  public KnownHostEntry {
    patterns = List.copyOf(patterns);
    key = key.clone();
  }

  public boolean revoked() {
    return "@revoked".equals(marker);
  }

  public boolean certAuthority() {
    return "@cert-authority".equals(marker);
  }

  public boolean sameKey(byte[] other) {
    return MessageDigest.isEqual(key, other);
  }

  /**
   * Whether this line names {@code hostName} ({@code host} for port 22, else {@code [host]:port}).
   * As in OpenSSH, a matching negated pattern excludes the host whatever else matches.
   */
  public boolean appliesTo(String hostName) {
    boolean positive = false;
    for (String pattern : patterns) {
      if (pattern.startsWith("|1|")) {
        positive |= hashedMatches(pattern, hostName);
      } else if (pattern.startsWith("!")) {
        if (Wildcards.matches(pattern.substring(1), hostName)) {
          return false;
        }
      } else {
        positive |= Wildcards.matches(pattern, hostName);
      }
    }
    return positive;
  }

  private static boolean hashedMatches(String hashed, String hostName) {
    String[] parts = hashed.split("\\|");
    if (parts.length != 4) {
      return false;
    }
    try {
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(salt, "HmacSHA1"));
      return MessageDigest.isEqual(expected, mac.doFinal(hostName.getBytes(StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KnownHostEntry e
        && e.line == line
        && java.util.Objects.equals(e.marker, marker)
        && e.patterns.equals(patterns)
        && e.keyType.equals(keyType)
        && Arrays.equals(e.key, key);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(line, marker, patterns, keyType, Arrays.hashCode(key));
  }

  @Override
  public String toString() {
    return "KnownHostEntry[line " + line + ", " + patterns + ", " + keyType + "]";
  }
}
