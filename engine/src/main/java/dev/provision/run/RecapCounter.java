package dev.provision.run;

import dev.provision.event.Recap;
import dev.provision.event.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts node results per host and status, from many threads, for the final recap. */
final class RecapCounter {

  /** How a result counts beside its status: a failure a rescue took over, or one ignored. */
  enum Tally {
    AS_IS,
    RESCUED,
    IGNORED
  }

  private static final int RESCUED = Status.values().length;
  private static final int IGNORED = RESCUED + 1;

  private final Map<String, int[]> counts = new ConcurrentHashMap<>();

  void count(String host, Status status) {
    count(host, status, Tally.AS_IS);
  }

  /** A failure counted as failed that an outer block's rescue took over later: rescued, not failed. */
  void rescuedLater(String host) {
    int[] c = counts.computeIfAbsent(host, h -> new int[IGNORED + 1]);
    synchronized (c) {
      c[Status.FAILED.ordinal()]--;
      c[RESCUED]++;
    }
  }

  /** A rescued failure counts as rescued and not as failed, as in Ansible's recap. */
  void count(String host, Status status, Tally tally) {
    int[] c = counts.computeIfAbsent(host, h -> new int[IGNORED + 1]);
    synchronized (c) {
      switch (tally) {
        case RESCUED -> c[RESCUED]++;
        case IGNORED -> {
          c[IGNORED]++;
          c[status.ordinal()]++;
        }
        default -> c[status.ordinal()]++;
      }
    }
  }

  /** One line per host, in the given (inventory) order. */
  Recap recap(List<String> hosts) {
    List<Recap.HostRecap> out = new ArrayList<>();
    for (String host : hosts) {
      int[] c = counts.getOrDefault(host, new int[IGNORED + 1]);
      synchronized (c) {
        out.add(new Recap.HostRecap(host, c[Status.OK.ordinal()], c[Status.CHANGED.ordinal()],
            c[Status.FAILED.ordinal()], c[Status.SKIPPED.ordinal()], c[Status.UNREACHABLE.ordinal()],
            c[Status.DEFERRED.ordinal()], c[RESCUED], c[IGNORED]));
      }
    }
    return new Recap(out);
  }
}
