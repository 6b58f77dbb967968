package dev.provision.cli;

import dev.provision.cli.report.JsonReporter;
import dev.provision.cli.report.Style;
import dev.provision.cli.report.Terminal;
import dev.provision.cli.report.TextReporter;
import dev.provision.event.EventSink;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/** How a run is shown ({@code --output}, {@code --no-color}, {@code -v}): a picocli mixin of {@code provision}, {@code apply} and {@code show}. */
final class ReportOptions {

  @Option(names = "--output", defaultValue = "text", paramLabel = "FORMAT",
      description = "text, or json: one JSON event per line (schema: docs/events.md).")
  OutputFormat output;

  @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or output is not a terminal).")
  boolean noColor;

  @Option(names = {"-v", "--verbose"},
      description = "Show skipped tasks, actions, whole messages on a terminal too, and stack traces"
          + " (-vv, -vvv... as in Ansible: the same).")
  boolean[] verbosity = new boolean[0];

  /** JSON lines, or text: live on a terminal, with a heartbeat line for long tasks elsewhere. */
  EventSink reporter(PrintStream out, boolean diff, String limit) {
    if (output == OutputFormat.json) {
      return new JsonReporter(out);
    }
    // the reporter writes to `out`; only when that is the process's stdout can it be the terminal
    Terminal terminal = out == System.out ? Terminal.detect() : Terminal.plain();
    return new TextReporter(out, Style.detect(noColor, terminal), terminal,
        new TextReporter.Options(verbosity.length > 0, diff, limit, Heartbeat.fromEnvironment()));
  }
}
