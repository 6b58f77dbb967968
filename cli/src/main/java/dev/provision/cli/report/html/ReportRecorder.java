package dev.provision.cli.report.html;

import dev.provision.cli.report.JsonReporter;
import dev.provision.diag.Diagnostics;
import dev.provision.event.Event;
import dev.provision.event.EventSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --report FILE} during a run: keeps every event's JSON line, exactly as {@code --output
 * json} writes it; at the end the page is made from those lines by the same code as {@code
 * provision report events.jsonl}. With {@code --output json} the lines kept are the very lines
 * printed, so the saved stream rebuilds the same page byte for byte.
 */
public final class ReportRecorder implements EventSink {

  private final EventSink next;
  private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
  private final JsonReporter json;

  private ReportRecorder(EventSink next, OutputStream jsonOut) {
    this.next = next;
    OutputStream kept = jsonOut == null ? lines : new Tee(jsonOut, lines);
    this.json = new JsonReporter(new PrintStream(kept, true, StandardCharsets.UTF_8));
  }

  /** Beside another reporter (the text output). */
  public static ReportRecorder beside(EventSink reporter) {
    return new ReportRecorder(reporter, null);
  }

  /** As the JSON reporter: each line goes to {@code out} and is kept. */
  public static ReportRecorder printingJson(OutputStream out) {
    return new ReportRecorder(null, out);
  }

  @Override
  public void accept(Event event) {
    json.accept(event);
    if (next != null) {
      next.accept(event);
    }
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

  /** Writes to both: the printed stream and the kept lines. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      first.flush();
      second.flush();
    }
  }
}
