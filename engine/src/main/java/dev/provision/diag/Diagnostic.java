package dev.provision.diag;

/**
 * One problem found in the input: what is wrong ({@code summary}), where ({@code span}, may be
 * null), and how to fix it ({@code hint}, may be null). Diagnostics are values: they are collected
 * and shown together, never thrown one by one.
 */
public record Diagnostic(Severity severity, String summary, SourceSpan span, String hint) {

  public static Diagnostic error(SourceSpan span, String summary) {
    return new Diagnostic(Severity.ERROR, summary, span, null);
  }

  public static Diagnostic error(SourceSpan span, String summary, String hint) {
    return new Diagnostic(Severity.ERROR, summary, span, hint);
  }

  public static Diagnostic warning(SourceSpan span, String summary, String hint) {
    return new Diagnostic(Severity.WARNING, summary, span, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** One line, {@code file:line:col: error: summary}, for logs and JSON. */
  public String oneLine() {
    String where = span == null ? "" : span + ": ";
    return where + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + summary;
  }
}
