package dev.provision.cli.report;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Calls {@code tick} every {@code period} on a daemon thread while a run is going on. */
final class Ticker {

  private final Duration period;
  private final Runnable tick;
  private ScheduledExecutorService executor;

  Ticker(Duration period, Runnable tick) {
    this.period = period;
    this.tick = tick;
  }

  synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "provision-output-ticker");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleAtFixedRate(tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
