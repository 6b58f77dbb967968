package dev.provision.cli.report.html;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a saved {@code --output json} stream (docs/events.md): one JSON object per line, read with
 * the YAML reader (JSON is YAML), so a broken line is reported as {@code file:line:column}.
 */
final class EventLines {

  private EventLines() {}

  /** The events of {@code text} in order; blank lines are skipped, bad ones become diagnostics. */
  static List<Map<String, Object>> read(String label, String text, Diagnostics diagnostics) {
    List<Map<String, Object>> events = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      int lineNumber = i + 1;
      Diagnostics own = new Diagnostics();
      List<YNode> docs = YamlReader.readAll(label, line, own);
      for (Diagnostic d : own) { // the reader saw one line: put its diagnostics on the file's line
        SourceSpan s = d.span();
        diagnostics.add(Diagnostic.error(SourceSpan.at(label, lineNumber, Math.max(1, s.column())),
            d.summary().replace("invalid YAML", "invalid JSON"), "each line of an event stream is one JSON object (docs/events.md)"));
      }
      if (!own.isEmpty()) {
        continue;
      }
      if (docs.size() != 1 || !(docs.get(0) instanceof YMap map) || !map.entries().containsKey("type")) {
        diagnostics.add(Diagnostic.error(SourceSpan.at(label, lineNumber, 1), "not an event",
            "each line of an event stream is one JSON object with a \"type\" (docs/events.md)"));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> event = (Map<String, Object>) map.toPlain();
      events.add(event);
    }
    if (events.isEmpty() && !diagnostics.hasErrors()) {
      diagnostics.add(Diagnostic.error(SourceSpan.file(label), "no events in the file",
          "save a run's events with `provision PLAYBOOK -i INVENTORY --output json > events.jsonl`"));
    }
    return events;
  }
}
