package dev.provision.modules;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Counts the bytes read from a download and reports them, with the rate, on the task's progress
 * line ({@code HostContext.progress}) at most twice a second: "downloading …: 12.0 MiB of 40.0 MiB
 * (30%), 5.1 MiB/s". Reading is not slowed: reporting is a clock check per read.
 */
public final class TransferProgress extends FilterInputStream {

  private static final long EVERY_NANOS = 500_000_000L;

  private final String what;
  private final long total;
  private final Consumer<String> sink;
  private final long started = System.nanoTime();
  private long lastReport = started;
  private long count;

  /** {@code total} is the expected size (Content-Length), or -1 when the server did not say. */
  public TransferProgress(InputStream in, String what, long total, Consumer<String> sink) {
    super(in);
    this.what = what;
    this.total = total;
    this.sink = sink;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      advance(n);
    }
    return n;
  }

  private void advance(int n) {
    count += n;
    long now = System.nanoTime();
    if (now - lastReport >= EVERY_NANOS) {
      lastReport = now;
      sink.accept(line(now));
    }
  }

  /** The progress text now, e.g. for a last report when the transfer ends. */
  public String line() {
    return line(System.nanoTime());
  }

  private String line(long now) {
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    String done = bytes(count) + (total > 0 ? " of " + bytes(total)
        + String.format(Locale.ROOT, " (%d%%)", Math.min(100, count * 100 / total)) : "");
    return what + ": " + done + ", " + bytes((long) (count / seconds)) + "/s";
  }

  /** Bytes in binary units, one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 40.0 MiB}. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
