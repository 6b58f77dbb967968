package dev.provision.module;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a saved plan keeps of a value it read (a fact, an object): the SHA-256 of its canonical form,
 * never the value, so a secret read by a plan does not reach the plan file. Canonical: maps by
 * sorted key, lists in order, records by their components, everything else by its text.
 */
public final class Fingerprint {

  private Fingerprint() {}

  /** {@code sha256:HEX} of {@code value}'s canonical form. */
  public static String of(Object value) {
    StringBuilder canonical = new StringBuilder();
    write(value, canonical);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The first 12 hex digits, as messages show a fingerprint. */
  public static String brief(String fingerprint) {
    String hex = fingerprint.startsWith("sha256:") ? fingerprint.substring(7) : fingerprint;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append('~');
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      out.append('{');
      sorted.forEach((k, v) -> {
        text(k, out);
        out.append(':');
        write(v, out);
        out.append(',');
      });
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      list.forEach(v -> {
        write(v, out);
        out.append(',');
      });
      out.append(']');
    } else if (value instanceof byte[] bytes) {
      out.append("b:").append(HexFormat.of().formatHex(bytes));
    } else if (value instanceof Record record) {
      out.append(record.getClass().getSimpleName()).append('(');
      for (RecordComponent c : record.getClass().getRecordComponents()) {
        out.append(c.getName()).append('=');
        try {
          c.getAccessor().setAccessible(true);
          write(c.getAccessor().invoke(record), out);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getName(), e);
        }
        out.append(',');
      }
      out.append(')');
    } else if (value instanceof Optional<?> o) {
      write(o.orElse(null), out);
    } else {
      text(value.getClass().getSimpleName() + ":" + value, out);
    }
  }

  private static void text(String s, StringBuilder out) {
    out.append(s.length()).append('\'').append(s);
  }
}
