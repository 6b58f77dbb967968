package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent, read-only API calls (a manifest's gets and server-side dry runs) side by side:
 * each is a round trip to the API server, so ten of them in a row cost ten latencies where they
 * need one. Results come back in the input's order, and the first failure in that order is thrown,
 * as if the calls had run one after the other.
 */
final class Concurrently {

  /** Enough to overlap a manifest's round trips without flooding a small API server. */
  static final int MAX_THREADS = 8;

  private static final AtomicInteger THREADS = new AtomicInteger();

  @FunctionalInterface
  interface Call<I, O> {
    O apply(I input) throws ModuleException;
  }

  private Concurrently() {}

  static <I, O> List<O> map(List<I> inputs, Call<I, O> call) throws ModuleException {
    if (inputs.size() <= 1) {
      List<O> out = new ArrayList<>(inputs.size());
      for (I input : inputs) {
        out.add(call.apply(input));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(inputs.size(), MAX_THREADS), r -> {
      Thread t = new Thread(r, "provision-kube-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<O>> futures = new ArrayList<>(inputs.size());
      for (I input : inputs) {
        futures.add(pool.submit(() -> call.apply(input)));
      }
      List<O> out = new ArrayList<>(inputs.size());
      for (Future<O> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ModuleException m) {
        throw m;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new ModuleException(String.valueOf(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
