package dev.provision.cli.report.html;

import dev.provision.diag.Diagnostics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Event streams of src/test/resources/report, read as the report reads them. */
final class Fixtures {

  private Fixtures() {}

  static String text(String name) {
    try (var in = Fixtures.class.getResourceAsStream("/report/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RunRecord run(String name) {
    Diagnostics diagnostics = new Diagnostics();
    RunRecord run = RunRecord.of(EventLines.read(name, text(name), diagnostics));
    if (diagnostics.hasErrors()) {
      throw new AssertionError(diagnostics.asList());
    }
    return run;
  }

  /** A finished node of {@code ms} milliseconds from {@code start}, waiting for {@code needs}. */
  static NodeRun node(int id, String host, long start, long ms, Integer... needs) {
    return new NodeRun(id, "p", "t" + id, host, "command", "ok", "", start, start + ms, List.of(needs), -1, List.of(),
        null, List.of(), List.of());
  }
}
