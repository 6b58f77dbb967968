package dev.provision.diag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics the way a compiler does: {@code file:line:col: error: summary}, the offending
 * line, a caret under the column, and the hint. Source lines are read once per file.
 */
public final class DiagnosticRenderer {

  private final Map<String, List<String>> sources = new HashMap<>();

  public String render(Diagnostics diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics.sorted()) {
      out.append(render(d));
    }
    long errors = diagnostics.asList().stream().filter(Diagnostic::isError).count();
    if (errors > 0) {
      out.append(errors).append(errors == 1 ? " error" : " errors").append(", nothing was run\n");
    }
    return out.toString();
  }

  public String render(Diagnostic d) {
    StringBuilder out = new StringBuilder(d.oneLine()).append('\n');
    SourceSpan span = d.span();
    if (span != null && span.hasLine()) {
      String line = line(span.file(), span.line());
      if (line != null) {
        String gutter = String.valueOf(span.line());
        out.append("  ").append(gutter).append(" | ").append(line.replace('\t', ' ')).append('\n');
        out.append("  ").append(" ".repeat(gutter.length())).append(" | ");
        int col = Math.max(1, Math.min(span.column(), line.length() + 1));
        int width = span.endLine() == span.line() ? Math.max(1, span.endColumn() - span.column()) : 1;
        width = Math.max(1, Math.min(width, line.length() + 1 - col + 1));
        out.append(" ".repeat(col - 1)).append("^").append("~".repeat(Math.max(0, width - 1))).append('\n');
      }
    }
    if (d.hint() != null) {
      out.append("  hint: ").append(d.hint()).append('\n');
    }
    return out.toString();
  }

  private String line(String file, int number) {
    List<String> lines =
        sources.computeIfAbsent(
            file,
            f -> {
              try {
                return Files.readAllLines(Path.of(f), StandardCharsets.UTF_8);
              } catch (IOException | RuntimeException e) {
                return List.of();
              }
            });
    return number >= 1 && number <= lines.size() ? lines.get(number - 1) : null;
  }
}
