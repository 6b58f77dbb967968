package dev.provision.diag;

import java.util.Objects;

/**
 * A place in a source file: 1-based line and column, inclusive start, exclusive end.
 * Every YAML node the engine reads keeps one, so any later error can point back at the input.
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn) {

  public SourceSpan {
    Objects.requireNonNull(file, "file");
  }

  public static SourceSpan at(String file, int line, int column) {
    return new SourceSpan(file, line, column, line, column + 1);
  }

  /** A span that names only a file, for problems that have no line (a missing file, an empty file). */
  public static SourceSpan file(String file) {
    return new SourceSpan(file, 0, 0, 0, 0);
  }

  public boolean hasLine() {
    return line > 0;
  }

  /** {@code file:line:column}, the form editors and terminals turn into links. */
  @Override
  public String toString() {
    return hasLine() ? file + ":" + line + ":" + column : file;
  }
}
