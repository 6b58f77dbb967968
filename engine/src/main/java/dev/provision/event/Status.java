package dev.provision.event;

/**
 * The outcome of one (task, host) node. DEFERRED is plan-only: the outcome depends on a change the
 * plan would make first ("known after apply"); it is never silently dropped.
 */
public enum Status {
  OK,
  CHANGED,
  FAILED,
  SKIPPED,
  UNREACHABLE,
  DEFERRED
}
