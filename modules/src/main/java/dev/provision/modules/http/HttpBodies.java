package dev.provision.modules.http;

import dev.provision.connection.Durations;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What {@code http_get} and {@code get_url} (control-node download) share once the headers have
 * arrived. The JDK client's request timeout ends with the headers: a server that then goes silent
 * would hang the task forever, so a body is read through {@link #stallGuarded}, which closes it
 * when no byte arrived for the task's {@code timeout}. And a redirect response that the client
 * handed back unfollowed is worded as what it is: a loop, or a downgrade to http.
 */
public final class HttpBodies {

  /** The JDK client's default redirect limit ({@code jdk.httpclient.redirects.retrylimit}). */
  private static final int REDIRECT_LIMIT = Integer.getInteger("jdk.httpclient.redirects.retrylimit", 5);

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "provision-http-stall-watchdog");
    t.setDaemon(true);
    return t;
  });

  private HttpBodies() {}

  /** A body that stopped: its message ("no progress for 3 s") is the reason to show, not its cause's. */
  public static final class Stalled extends IOException {
    Stalled(String message, IOException cause) {
      super(message, cause);
    }
  }

  /**
   * The body, failing with "no progress for N s" (an IOException from {@code read}) when no byte
   * arrived for {@code stall}. Close it when done, which also stops the watchdog.
   */
  public static InputStream stallGuarded(InputStream body, Duration stall) {
    return new StallGuard(body, stall);
  }

  /**
   * Null, or the words for a 3xx response the client did not follow: "redirect loop after N hops"
   * when it gave up at its limit, else where it was sent and why that is not followed.
   */
  public static String unfollowedRedirect(HttpResponse<?> response) {
    int status = response.statusCode();
    if (status / 100 != 3 || status == 304) {
      return null;
    }
    String location = response.headers().firstValue("Location").orElse(null);
    if (location == null) {
      return null;
    }
    URI from = response.uri();
    URI to;
    try {
      to = from.resolve(location);
    } catch (IllegalArgumentException e) {
      return "returned status " + status + " with a Location that is not a URL: " + location;
    }
    if ("https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(to.getScheme())) {
      return "returned status " + status + " to " + to + ", which is not followed (https is never redirected to http)";
    }
    // the client follows up to its limit and hands back the next redirect unfollowed
    int hops = 0;
    for (var previous = response.previousResponse(); previous.isPresent(); previous = previous.get().previousResponse()) {
      hops++;
    }
    return "redirect loop after " + Math.max(hops, REDIRECT_LIMIT) + " hops (the last to " + to + ")";
  }

  /** An InputStream that a watchdog closes when no byte arrived for the stall time. */
  private static final class StallGuard extends FilterInputStream {
    private final long stallNanos;
    private final Duration stall;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;
    private final ScheduledFuture<?> check;

    StallGuard(InputStream in, Duration stall) {
      super(in);
      this.stall = stall;
      this.stallNanos = stall.toNanos();
      long period = Math.max(50, Math.min(1000, stall.toMillis() / 4));
      this.check = WATCHDOG.scheduleWithFixedDelay(this::checkProgress, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkProgress() {
      if (System.nanoTime() - lastProgress > stallNanos) {
        stalled = true;
        check.cancel(false);
        try {
          in.close(); // wakes up a read blocked in the client, which then throws
        } catch (IOException e) {
          // closing is all that matters; the reader reports the stall
        }
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        int n = in.read(b, off, len);
        if (n > 0) {
          lastProgress = System.nanoTime();
        }
        if (stalled) {
          throw stallError(null);
        }
        return n;
      } catch (IOException e) {
        if (stalled) {
          throw stallError(e);
        }
        throw e;
      }
    }

    private IOException stallError(IOException cause) {
      String seconds = stall.toMillis() % 1000 == 0 ? stall.toSeconds() + " s" : Durations.format(stall);
      return new Stalled("no progress for " + seconds, cause);
    }

    @Override
    public void close() throws IOException {
      check.cancel(false);
      super.close();
    }
  }
}
