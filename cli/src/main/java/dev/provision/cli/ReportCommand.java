package dev.provision.cli;

import dev.provision.cli.report.html.HtmlReport;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.DiagnosticsException;
import dev.provision.diag.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code provision report events.jsonl -o run.html}: the HTML run report of a saved event stream
 * ({@code --output json}), the same page {@code --report} writes during the run.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Makes the HTML run report (timeline, critical path, recap, failures, diffs) of a saved",
        "event stream: provision PLAYBOOK -i INV --output json > events.jsonl. One self-contained file."})
final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "EVENTS", description = "A run's JSON event stream, one event a line (docs/events.md).")
  Path events;

  @Option(names = {"-o", "--output-file"}, required = true, paramLabel = "FILE", description = "The HTML file to write.")
  Path outputFile;

  @Override
  public Integer call() throws Exception {
    String text;
    try {
      text = Files.readString(events, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DiagnosticsException(new Diagnostics().add(
          Diagnostic.error(SourceSpan.file(events.toString()), "file not found", "check the path")));
    } catch (IOException e) {
      throw new CliErrors.UserError("cannot read " + events + ": " + e.getMessage());
    }
    Diagnostics diagnostics = new Diagnostics();
    String page = HtmlReport.fromEvents(events.toString(), text, diagnostics);
    diagnostics.throwIfErrors();
    Files.writeString(outputFile, page, StandardCharsets.UTF_8);
    return 0;
  }
}
