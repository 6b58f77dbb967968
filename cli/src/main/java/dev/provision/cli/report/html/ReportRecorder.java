package dev.provision.cli.report.html;

import dev.provision.cli.report.JsonReporter;
import dev.provision.diag.Diagnostics;
import dev.provision.event.Event;
import dev.provision.event.EventSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --report FILE} during a run: passes every event on to the run's reporter and keeps its
 * JSON line too, exactly as {@code --output json} writes it; at the end the page is made from those
 * lines by the same code as {@code provision report events.jsonl}.
 */
public final class ReportRecorder implements EventSink {

  private final EventSink next;
  private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
  private final JsonReporter json = new JsonReporter(new PrintStream(lines, true, StandardCharsets.UTF_8));

  public ReportRecorder(EventSink next) {
    this.next = next;
  }

  @Override
  public void accept(Event event) {
    json.accept(event);
    next.accept(event);
  }

  /** Writes the page of the events so far (a run cut short still gets its report). */
  public void writeTo(Path file) throws IOException {
    String text;
    synchronized (json) { // JsonReporter writes a line under its own lock
      text = lines.toString(StandardCharsets.UTF_8);
    }
    Diagnostics diagnostics = new Diagnostics();
    String page = HtmlReport.fromEvents("events", text, diagnostics);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, page, StandardCharsets.UTF_8);
  }
}
