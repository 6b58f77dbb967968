package dev.provision.modules.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Bounded retry with exponential backoff for API calls that hit a transient answer: 500, 503 and
 * 429 always, 409 (optimistic-lock conflict) only for calls that are not server-side apply, where a
 * 409 is a field conflict that retrying cannot fix.
 */
public final class Retry {

  static final int ATTEMPTS = 5;
  private static final long FIRST_DELAY_MS = 200;
  private static final long MAX_DELAY_MS = 3_000;
  private static final Set<Integer> TRANSIENT = Set.of(429, 500, 503);

  private Retry() {}

  /** Retries 429/500/503. */
  public static <T> T call(Supplier<T> request) {
    return call(request, false);
  }

  /** Retries 429/500/503, and 409 when {@code conflictsAreTransient}. */
  public static <T> T call(Supplier<T> request, boolean conflictsAreTransient) {
    long delay = FIRST_DELAY_MS;
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (KubernetesClientException e) {
        if (attempt >= ATTEMPTS || !retryable(e.getCode(), conflictsAreTransient)) {
          throw e;
        }
      }
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubernetesClientException("interrupted while retrying", e);
      }
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }

  static boolean retryable(int code, boolean conflictsAreTransient) {
    return TRANSIENT.contains(code) || (conflictsAreTransient && code == 409);
  }
}
