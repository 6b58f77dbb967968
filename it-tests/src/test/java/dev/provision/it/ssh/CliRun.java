package dev.provision.it.ssh;

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

/** One in-process run of the CLI: exit code, both streams, and the JSON events when asked for. */
record CliRun(int exitCode, String stdout, String stderr) {

  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e);
    }
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The JSON events (one per line of stdout). */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> events() {
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

  /** "play › task @ host" of every task result with this status. */
  Set<String> withStatus(String status) {
    Set<String> out = new TreeSet<>();
    for (Map<String, Object> e : events()) {
      if ("task_result".equals(e.get("type")) && status.equals(e.get("status"))) {
        out.add(e.get("play") + " › " + e.get("task") + " @ " + e.get("host"));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
  }
}
