package dev.provision.event;

import java.util.List;

/** Per-host counts at the end of a run, in inventory order. */
public record Recap(List<HostRecap> hosts) {

  public Recap {
    hosts = List.copyOf(hosts);
  }

  /**
   * One host's counts. As in Ansible, {@code rescued} counts the failed tasks a block's rescue took
   * over (not in {@code failed}), {@code ignored} the failed tasks with {@code ignore_errors} (in
   * {@code ok} too).
   */
  public record HostRecap(
      String host, int ok, int changed, int failed, int skipped, int unreachable, int deferred, int rescued,
      int ignored) {}

  public int total(Status status) {
    int n = 0;
    for (HostRecap h : hosts) {
      n += switch (status) {
        case OK -> h.ok();
        case CHANGED -> h.changed();
        case FAILED -> h.failed();
        case SKIPPED -> h.skipped();
        case UNREACHABLE -> h.unreachable();
        case DEFERRED -> h.deferred();
      };
    }
    return n;
  }

  /** Exit code: 1 on any failure or unreachable host; in plan mode 2 when anything would change. */
  public int exitCode(dev.provision.module.Mode mode) {
    if (total(Status.FAILED) > 0 || total(Status.UNREACHABLE) > 0) {
      return 1;
    }
    if (mode == dev.provision.module.Mode.PLAN && (total(Status.CHANGED) > 0 || total(Status.DEFERRED) > 0)) {
      return 2;
    }
    return 0;
  }
}
