package dev.provision.cli.report;

import dev.provision.event.Event;
import dev.provision.event.EventSink;
import dev.provision.event.Recap;
import dev.provision.event.TaskResult;
import dev.provision.json.Json;
import dev.provision.module.Diff;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --output json}: one JSON object per line and per event, for CI and other tools. Every
 * event carries {@code type}, {@link #SCHEMA_VERSION schema_version} and {@code time} (UTC,
 * milliseconds); the schema is docs/events.schema.json, described in docs/events.md.
 */
public final class JsonReporter implements EventSink {

  /** Raised when a field is removed or changes meaning; adding a field or an event type keeps it. */
  public static final int SCHEMA_VERSION = 1;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final Clock clock;

  public JsonReporter(PrintStream out) {
    this(out, Clock.systemUTC());
  }

  JsonReporter(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public synchronized void accept(Event event) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", null); // first in every line, whatever the event
    json.put("schema_version", SCHEMA_VERSION);
    json.put("time", TIME.format(clock.instant()));
    if (event instanceof Event.RunStarted e) {
      json.put("type", "run_started");
      json.put("mode", e.mode());
      json.put("playbook", e.playbook());
      json.put("plays", e.plays());
      json.put("hosts", e.hosts());
      json.put("nodes", e.nodes());
    } else if (event instanceof Event.PlayStarted e) {
      json.put("type", "play_started");
      json.put("play", e.play());
      json.put("hosts", e.hosts());
    } else if (event instanceof Event.TaskStarted e) {
      json.put("type", "task_started");
      json.put("play", e.play());
      json.put("task", e.task());
      json.put("host", e.host());
      json.put("node", e.node());
      json.put("module", e.module());
      if (e.waits()) {
        json.put("waits", true);
      }
      json.put("attempt", e.attempt());
    } else if (event instanceof Event.TaskProgress e) {
      json.put("type", "task_progress");
      json.put("play", e.play());
      json.put("task", e.task());
      json.put("host", e.host());
      json.put("node", e.node());
      json.put("message", e.message());
      json.put("elapsed_ms", e.elapsed().toMillis());
    } else if (event instanceof Event.TaskRetrying e) {
      json.put("type", "task_retrying");
      json.put("play", e.play());
      json.put("task", e.task());
      json.put("host", e.host());
      json.put("node", e.node());
      json.put("attempt", e.attempt());
      json.put("retries", e.retries());
      json.put("reason", e.reason());
    } else if (event instanceof Event.TaskFinished e) {
      json.put("type", "task_result");
      json.put("play", e.play());
      json.put("task", e.task());
      json.put("host", e.host());
      json.put("node", e.node());
      json.put("needs", e.needs());
      result(e.result(), json);
    } else if (event instanceof Event.RunFinished e) {
      json.put("type", "recap");
      json.put("mode", e.mode());
      json.put("elapsed_ms", e.elapsed().toMillis());
      json.put("exit_code", e.recap().exitCode(e.mode()));
      json.put("hosts", hosts(e.recap()));
    }
    out.println(Json.write(json));
    out.flush();
  }

  private static void result(TaskResult r, Map<String, Object> json) {
    json.put("status", r.status());
    json.put("message", r.message());
    json.put("elapsed_ms", r.elapsed().toMillis());
    if (!r.actions().isEmpty()) {
      json.put("actions", r.actions());
    }
    if (!r.diffs().isEmpty()) {
      List<Object> diffs = new ArrayList<>();
      for (Diff d : r.diffs()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("header", d.header());
        m.put("before", d.before());
        m.put("after", d.after());
        diffs.add(m);
      }
      json.put("diffs", diffs);
    }
    if (!r.data().isEmpty()) {
      json.put("data", r.data());
    }
  }

  private static List<Object> hosts(Recap recap) {
    List<Object> list = new ArrayList<>();
    for (Recap.HostRecap h : recap.hosts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("host", h.host());
      m.put("ok", h.ok());
      m.put("changed", h.changed());
      m.put("failed", h.failed());
      m.put("skipped", h.skipped());
      m.put("unreachable", h.unreachable());
      m.put("deferred", h.deferred());
      m.put("rescued", h.rescued());
      m.put("ignored", h.ignored());
      list.add(m);
    }
    return list;
  }
}
