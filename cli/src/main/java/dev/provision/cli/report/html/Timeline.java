package dev.provision.cli.report.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Gantt chart's geometry, kept apart from the markup so it can be tested: one lane per host
 * (in the order hosts appear), each node a bar from its start to its end on a shared time axis.
 * A node that took no time (skipped) still gets a bar {@link #MIN_BAR} wide, so every node shows.
 */
record Timeline(int width, int height, List<Lane> lanes, List<Bar> bars, List<Tick> ticks, List<Link> criticalLinks,
    List<PlayMark> plays) {

  static final int LABEL_WIDTH = 170;
  static final int TOP = 42;
  /** Play names that would overlap go on further rows above the axis. */
  static final int PLAY_ROW = 13;
  private static final int MAX_PLAY_ROWS = 4;
  static final int LANE_HEIGHT = 28;
  static final int BAR_HEIGHT = 18;
  static final double MIN_BAR = 3;
  private static final int RIGHT_MARGIN = 16;

  record Lane(String host, int y) {}

  /** A node's bar; {@code waitX} is where its wait starts (or -1), {@code retryXs} its retries. */
  record Bar(NodeRun node, double x, double y, double w, double h, boolean critical, double waitX, List<Double> retryXs) {}

  record Tick(double x, String label) {}

  /** Where a play started, with its name on row {@code row} (0: the top one). */
  record PlayMark(double x, String name, int row) {}

  /** The y of the time axis: below the rows of play names. */
  int top() {
    return TOP + PLAY_ROW * plays.stream().mapToInt(PlayMark::row).max().orElse(0);
  }

  /** A critical-path step: from the end of one bar to the start of the next. */
  record Link(double x1, double y1, double x2, double y2) {}

  static Timeline layout(RunRecord run, List<Integer> criticalPath, int width) {
    List<String> hosts = new ArrayList<>();
    for (String h : run.hosts()) {
      if (run.nodes().stream().anyMatch(n -> n.host().equals(h))) {
        hosts.add(h);
      }
    }
    long total = Math.max(1, run.nodes().stream().mapToLong(NodeRun::endMs).max().orElse(0));
    total = Math.max(total, run.elapsedMs());
    double chart = width - LABEL_WIDTH - RIGHT_MARGIN;
    double scale = chart / total;
    List<PlayMark> plays = plays(run, scale);
    int top = TOP + PLAY_ROW * plays.stream().mapToInt(PlayMark::row).max().orElse(0);
    Map<String, Integer> laneOf = new HashMap<>();
    List<Lane> lanes = new ArrayList<>();
    for (String h : hosts) {
      int y = top + lanes.size() * LANE_HEIGHT;
      laneOf.put(h, lanes.size());
      lanes.add(new Lane(h, y));
    }
    Set<Integer> critical = new HashSet<>(criticalPath);
    List<Bar> bars = new ArrayList<>();
    Map<Integer, Bar> byId = new HashMap<>();
    for (NodeRun n : run.nodes()) {
      double x = LABEL_WIDTH + n.startMs() * scale;
      double w = Math.max(MIN_BAR, n.durationMs() * scale);
      double y = top + laneOf.get(n.host()) * LANE_HEIGHT + (LANE_HEIGHT - BAR_HEIGHT) / 2.0;
      double waitX = n.waited() ? Math.min(x + w, LABEL_WIDTH + n.waitFromMs() * scale) : -1;
      List<Double> retries = n.retriesAtMs().stream().map(t -> LABEL_WIDTH + t * scale).toList();
      Bar bar = new Bar(n, x, y, w, BAR_HEIGHT, critical.contains(n.id()), waitX, retries);
      bars.add(bar);
      byId.put(n.id(), bar);
    }
    List<Link> links = new ArrayList<>();
    for (int i = 1; i < criticalPath.size(); i++) {
      Bar a = byId.get(criticalPath.get(i - 1));
      Bar b = byId.get(criticalPath.get(i));
      links.add(new Link(a.x() + a.w(), a.y() + a.h() / 2, b.x(), b.y() + b.h() / 2));
    }
    int height = top + Math.max(1, lanes.size()) * LANE_HEIGHT + 8;
    return new Timeline(width, height, List.copyOf(lanes), List.copyOf(bars), ticks(total, scale), List.copyOf(links),
        plays);
  }

  /** Round steps in milliseconds, seconds or minutes. */
  private static final long[] STEPS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000,
      60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000};

  /** Each play's mark, its name on the first row where it clears the names before it (about 6.2 px a character). */
  private static List<PlayMark> plays(RunRecord run, double scale) {
    double[] rowEnds = new double[MAX_PLAY_ROWS];
    java.util.Arrays.fill(rowEnds, -1);
    List<PlayMark> out = new ArrayList<>();
    for (RunRecord.PlayStart p : run.plays()) {
      double x = LABEL_WIDTH + p.atMs() * scale;
      int row = 0;
      while (row < MAX_PLAY_ROWS - 1 && rowEnds[row] > x) {
        row++;
      }
      rowEnds[row] = x + 3 + Math.min(40, p.name().length()) * 6.2 + 8;
      out.add(new PlayMark(x, p.name(), row));
    }
    return List.copyOf(out);
  }

  /** The first round step that gives at most eleven ticks (an hour's multiples past the list). */
  static List<Tick> ticks(long totalMs, double scale) {
    long step = STEPS[STEPS.length - 1];
    for (long s : STEPS) {
      if (totalMs / s <= 10) {
        step = s;
        break;
      }
    }
    while (totalMs / step > 10) {
      step *= 2;
    }
    List<Tick> out = new ArrayList<>();
    for (long t = 0; t <= totalMs; t += step) {
      out.add(new Tick(LABEL_WIDTH + t * scale, label(t, step)));
    }
    return out;
  }

  static String label(long ms, long step) {
    if (ms == 0) {
      return "0s";
    }
    if (step < 1000) {
      return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0)
          .replace(".0s", "s");
    }
    if (step >= 60_000 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms / 1000 + "s";
  }
}
