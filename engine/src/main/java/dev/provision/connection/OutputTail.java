package dev.provision.connection;

import java.io.OutputStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is kept of one output stream of a remote command: its last {@link #limit()} bytes, and how
 * many came before them. A command that prints 200 MB must not cost 200 MB (or twice that) of
 * memory per host; its tail is what explains a failure. The limit is {@code PROVISION_MAX_OUTPUT}
 * (bytes, or with KiB/MiB/GiB), 16 MiB by default.
 */
public final class OutputTail extends OutputStream {

  /** The environment variable that sets the limit. */
  public static final String ENV = "PROVISION_MAX_OUTPUT";

  static final long DEFAULT_LIMIT = 16L << 20;

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|k|kb|kib|m|mb|mib|g|gb|gib)");
  private static final int LIMIT = parseLimit(System.getenv(ENV));

  private final int capacity;
  private byte[] ring;
  private int start; // index of the oldest kept byte, once the ring is full
  private int size;
  private long total;

  OutputTail() {
    this(LIMIT);
  }

  OutputTail(int capacity) {
    this.capacity = capacity;
    this.ring = new byte[Math.min(256, capacity)]; // never longer than capacity: the ring wraps at its length
  }

  /** The number of bytes kept of each stream. */
  public static int limit() {
    return LIMIT;
  }

  /** {@code text} ("16MiB", "1048576", "512 KiB") in bytes; the default for null or blank; refused when unreadable. */
  static int parseLimit(String text) {
    if (text == null || text.isBlank()) {
      return (int) DEFAULT_LIMIT;
    }
    Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(ENV + "=" + text + " is not a size (say 16MiB, 512KiB or a number of bytes)");
    }
    long factor = switch (m.group(2)) {
      case "k", "kb", "kib" -> 1L << 10;
      case "m", "mb", "mib" -> 1L << 20;
      case "g", "gb", "gib" -> 1L << 30;
      default -> 1;
    };
    long bytes = Long.parseLong(m.group(1)) * factor;
    if (bytes < 1024 || bytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(ENV + "=" + text + " must be between 1KiB and 2GiB");
    }
    return (int) bytes;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    total += len;
    if (len >= capacity) { // only the last `capacity` bytes of this write survive
      ensure(capacity);
      System.arraycopy(b, off + len - capacity, ring, 0, capacity);
      start = 0;
      size = capacity;
      return;
    }
    if (size < capacity) { // not full yet: the kept bytes are ring[0, size)
      int n = Math.min(len, capacity - size);
      ensure(size + n);
      System.arraycopy(b, off, ring, size, n);
      size += n;
      off += n;
      len -= n;
    }
    while (len > 0) { // full: the next byte overwrites the oldest, at `start`
      int n = Math.min(len, capacity - start);
      System.arraycopy(b, off, ring, start, n);
      start = (start + n) % capacity;
      off += n;
      len -= n;
    }
  }

  private void ensure(int needed) {
    if (ring.length >= needed) {
      return;
    }
    byte[] grown = new byte[(int) Math.min(capacity, Math.max((long) needed, ring.length * 2L))];
    System.arraycopy(ring, 0, grown, 0, size); // only grown while not full, when start is 0
    ring = grown;
  }

  /** How many bytes came before the kept ones. */
  public long dropped() {
    return total - size;
  }

  /** The kept bytes, oldest first. */
  public byte[] bytes() {
    byte[] out = new byte[size];
    int first = Math.min(size, ring.length - start);
    System.arraycopy(ring, start, out, 0, first);
    System.arraycopy(ring, 0, out, first, size - first);
    return out;
  }
}
