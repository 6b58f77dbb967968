package dev.provision.cli.report.html;

import java.util.List;

/**
 * One (task, host) node as the report shows it: when it ran (milliseconds from the run's start),
 * how it ended, and what it waited for. {@code status} is null for a node that never finished (an
 * interrupted run). {@code waitFromMs} is where its waiting starts (a wait module's whole run, or
 * the first retry), or -1.
 */
record NodeRun(
    int id,
    String play,
    String task,
    String host,
    String module,
    String status,
    String message,
    long startMs,
    long endMs,
    List<Integer> needs,
    long waitFromMs,
    List<Long> retriesAtMs,
    String lastProgress,
    List<String> actions,
    List<DiffText> diffs) {

  /** One before/after pair of a node's result. */
  record DiffText(String header, String before, String after) {}

  long durationMs() {
    return Math.max(0, endMs - startMs);
  }

  boolean waited() {
    return waitFromMs >= 0;
  }

  /** The word the page shows: the status, or "unfinished". */
  String shownStatus() {
    return status == null ? "unfinished" : status;
  }
}
