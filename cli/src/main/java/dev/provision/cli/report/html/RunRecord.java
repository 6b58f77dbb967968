package dev.provision.cli.report.html;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run assembled from its events (docs/events.md): the nodes with their times, the recap, the
 * hosts in the order they first appear. The live {@code --report} and {@code provision report}
 * both build it from the same JSON lines.
 */
record RunRecord(
    String mode,
    String playbook,
    Instant started,
    long elapsedMs,
    Integer exitCode,
    int plannedNodes,
    List<String> hosts,
    List<NodeRun> nodes,
    List<Map<String, Object>> recap,
    List<PlayStart> plays) {

  /** When a play started, in milliseconds from the run's start. */
  record PlayStart(String name, long atMs) {}

  static RunRecord of(List<Map<String, Object>> events) {
    Assembler a = new Assembler();
    events.forEach(a::accept);
    return a.record();
  }

  /** Folds events into nodes; a node is known by its {@code node} number (play, task and host without one). */
  private static final class Assembler {
    private String mode = "apply";
    private String playbook = "";
    private Instant started;
    private Instant last;
    private Long elapsed;
    private Integer exitCode;
    private int plannedNodes;
    private final Set<String> hosts = new LinkedHashSet<>();
    private final Map<String, Partial> nodes = new LinkedHashMap<>();
    private final List<Map<String, Object>> recap = new ArrayList<>();
    private final List<String> playNames = new ArrayList<>();
    private final List<Instant> playTimes = new ArrayList<>();

    void accept(Map<String, Object> e) {
      Instant at = time(e.get("time"));
      if (at != null) {
        started = started == null || at.isBefore(started) ? at : started;
        last = last == null || at.isAfter(last) ? at : last;
      }
      String type = String.valueOf(e.get("type"));
      switch (type) {
        case "run_started" -> {
          mode = text(e.get("mode"), mode);
          playbook = text(e.get("playbook"), playbook);
          plannedNodes = (int) number(e.get("nodes"), 0);
          if (at != null) {
            started = at;
          }
        }
        case "play_started" -> {
          playNames.add(text(e.get("play"), ""));
          playTimes.add(at);
          if (e.get("hosts") instanceof List<?> list) {
            list.forEach(h -> hosts.add(String.valueOf(h)));
          }
        }
        case "task_started" -> {
          Partial p = node(e);
          if (p.started == null) {
            p.started = at;
          }
          p.module = text(e.get("module"), p.module);
          p.waits |= Boolean.TRUE.equals(e.get("waits"));
        }
        case "task_progress" -> {
          Partial p = node(e);
          p.lastProgress = text(e.get("message"), p.lastProgress);
        }
        case "task_retrying" -> {
          Partial p = node(e);
          if (at != null) {
            p.retries.add(at);
          }
        }
        case "task_result" -> {
          Partial p = node(e);
          p.finished = at;
          p.status = text(e.get("status"), null);
          p.message = e.get("message") == null ? null : String.valueOf(e.get("message"));
          p.elapsedMs = number(e.get("elapsed_ms"), 0);
          if (e.get("needs") instanceof List<?> list) {
            list.forEach(n -> p.needs.add((int) number(n, 0)));
          }
          if (e.get("actions") instanceof List<?> list) {
            list.forEach(x -> p.actions.add(String.valueOf(x)));
          }
          if (e.get("diffs") instanceof List<?> list) {
            for (Object d : list) {
              if (d instanceof Map<?, ?> m) {
                p.diffs.add(new NodeRun.DiffText(String.valueOf(m.get("header")), (String) textOrNull(m.get("before")),
                    (String) textOrNull(m.get("after"))));
              }
            }
          }
        }
        case "recap" -> {
          mode = text(e.get("mode"), mode);
          elapsed = number(e.get("elapsed_ms"), 0);
          exitCode = (int) number(e.get("exit_code"), 0);
          if (e.get("hosts") instanceof List<?> list) {
            for (Object h : list) {
              if (h instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> row = (Map<String, Object>) m;
                recap.add(row);
                hosts.add(String.valueOf(m.get("host")));
              }
            }
          }
        }
        default -> { } // a newer event type: ignored, as docs/events.md asks of readers
      }
    }

    private Partial node(Map<String, Object> e) {
      String host = String.valueOf(e.get("host"));
      hosts.add(host);
      Object id = e.get("node");
      String key = id != null ? "#" + id : e.get("play") + "\u0000" + e.get("task") + "\u0000" + host;
      return nodes.computeIfAbsent(key, k -> new Partial(id == null ? 0 : (int) number(id, 0),
          String.valueOf(e.get("play")), String.valueOf(e.get("task")), host));
    }

    RunRecord record() {
      Instant origin = started == null ? Instant.EPOCH : started;
      long total = elapsed != null ? elapsed : last == null ? 0 : ms(origin, last);
      List<NodeRun> out = new ArrayList<>();
      int next = nodes.values().stream().mapToInt(p -> p.id).max().orElse(0) + 1;
      for (Partial p : nodes.values()) {
        int id = p.id > 0 ? p.id : next++;
        Instant end = p.finished != null ? p.finished : last;
        // a node skipped without running has no start: it happened at its result
        Instant start = p.started != null ? p.started : p.finished != null
            ? p.finished.minusMillis(p.elapsedMs) : end;
        long startMs = ms(origin, start);
        long endMs = Math.max(startMs, ms(origin, end));
        total = Math.max(total, endMs);
        long waitFrom = p.waits ? startMs : p.retries.isEmpty() ? -1 : ms(origin, p.retries.get(0));
        out.add(new NodeRun(id, p.play, p.task, p.host, p.module, p.status, p.message, startMs, endMs,
            List.copyOf(p.needs), waitFrom, p.retries.stream().map(r -> ms(origin, r)).toList(), p.lastProgress,
            List.copyOf(p.actions), List.copyOf(p.diffs)));
      }
      out.sort(java.util.Comparator.comparingInt(NodeRun::id));
      List<PlayStart> plays = new ArrayList<>();
      for (int i = 0; i < playNames.size(); i++) {
        plays.add(new PlayStart(playNames.get(i), ms(origin, playTimes.get(i))));
      }
      return new RunRecord(mode, playbook, origin, total, exitCode, plannedNodes, List.copyOf(hosts), List.copyOf(out),
          List.copyOf(recap), List.copyOf(plays));
    }

    private static long ms(Instant origin, Instant at) {
      return at == null ? 0 : Math.max(0, at.toEpochMilli() - origin.toEpochMilli());
    }
  }

  private static final class Partial {
    final int id;
    final String play;
    final String task;
    final String host;
    String module;
    boolean waits;
    Instant started;
    Instant finished;
    String status;
    String message;
    long elapsedMs;
    String lastProgress;
    final Set<Integer> needs = new LinkedHashSet<>();
    final List<Instant> retries = new ArrayList<>();
    final List<String> actions = new ArrayList<>();
    final List<NodeRun.DiffText> diffs = new ArrayList<>();

    Partial(int id, String play, String task, String host) {
      this.id = id;
      this.play = play;
      this.task = task;
      this.host = host;
    }
  }

  private static Instant time(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(Object value, String otherwise) {
    return value == null ? otherwise : String.valueOf(value);
  }

  private static Object textOrNull(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static long number(Object value, long otherwise) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return value == null ? otherwise : Long.parseLong(String.valueOf(value));
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
