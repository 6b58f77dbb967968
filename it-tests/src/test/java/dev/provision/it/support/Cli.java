package dev.provision.it.support;

import dev.provision.cli.Main;
import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YamlReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One run of the CLI, in-process ({@link #run}) or as a child JVM ({@link CliProcess}): the exit
 * code, both streams, and the JSON events when {@code --output json} was given.
 */
public record Cli(int exitCode, String stdout, String stderr) {

  public static Cli run(List<String> args) {
    return run(args.toArray(String[]::new));
  }

  public static Cli run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e);
    }
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The JSON events (one per line of stdout). */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> events() {
    List<Map<String, Object>> events = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Diagnostics d = new Diagnostics();
      List<YNode> docs = YamlReader.readAll("event", line, d);
      if (d.hasErrors() || docs.isEmpty()) {
        throw new AssertionError("not a JSON event: " + line);
      }
      events.add((Map<String, Object>) docs.get(0).toPlain());
    }
    return events;
  }

  /** The task results of one host, in order, as "task=status". */
  public List<String> results(String host) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> e : events()) {
      if ("task_result".equals(e.get("type")) && host.equals(e.get("host"))) {
        out.add(e.get("task") + "=" + e.get("status"));
      }
    }
    return out;
  }

  /** The first task result of {@code host} for {@code task}, or null. */
  public Map<String, Object> result(String host, String task) {
    for (Map<String, Object> e : events()) {
      if ("task_result".equals(e.get("type")) && host.equals(e.get("host")) && task.equals(e.get("task"))) {
        return e;
      }
    }
    return null;
  }

  /** "task @ host" of every task result with this status. */
  public Set<String> withStatus(String status) {
    Set<String> out = new TreeSet<>();
    for (Map<String, Object> e : events()) {
      if ("task_result".equals(e.get("type")) && status.equals(e.get("status"))) {
        out.add(e.get("task") + " @ " + e.get("host"));
      }
    }
    return out;
  }

  /** The recap's counts for one host: ok, changed, failed, skipped, unreachable, deferred. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> recap(String host) {
    List<Map<String, Object>> events = events();
    Map<String, Object> last = events.get(events.size() - 1);
    if (!"recap".equals(last.get("type"))) {
      throw new AssertionError("the last event is no recap: " + last);
    }
    for (Object h : (List<Object>) last.get("hosts")) {
      Map<String, Object> m = (Map<String, Object>) h;
      if (host.equals(m.get("host"))) {
        return m;
      }
    }
    throw new AssertionError("no recap line for " + host + ": " + last);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
  }
}
