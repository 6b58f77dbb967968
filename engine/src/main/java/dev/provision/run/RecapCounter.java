package dev.provision.run;

import dev.provision.event.Recap;
import dev.provision.event.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts node results per host and status, from many threads, for the final recap. */
final class RecapCounter {

  private final Map<String, int[]> counts = new ConcurrentHashMap<>();

  void count(String host, Status status) {
    int[] c = counts.computeIfAbsent(host, h -> new int[Status.values().length]);
    synchronized (c) {
      c[status.ordinal()]++;
    }
  }

  /** One line per host, in the given (inventory) order. */
  Recap recap(List<String> hosts) {
    List<Recap.HostRecap> out = new ArrayList<>();
    for (String host : hosts) {
      int[] c = counts.getOrDefault(host, new int[Status.values().length]);
      synchronized (c) {
        out.add(new Recap.HostRecap(host, c[Status.OK.ordinal()], c[Status.CHANGED.ordinal()],
            c[Status.FAILED.ordinal()], c[Status.SKIPPED.ordinal()], c[Status.UNREACHABLE.ordinal()],
            c[Status.DEFERRED.ordinal()]));
      }
    }
    return new Recap(out);
  }
}
