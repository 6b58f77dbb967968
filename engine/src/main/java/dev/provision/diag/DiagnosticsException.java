package dev.provision.diag;

/** Carries every problem of a phase (parse, validate) to the CLI edge, which renders them all. */
public final class DiagnosticsException extends Exception {

  private final transient Diagnostics diagnostics;

  public DiagnosticsException(Diagnostics diagnostics) {
    super(summary(diagnostics));
    this.diagnostics = diagnostics;
  }

  public static DiagnosticsException of(Diagnostic diagnostic) {
    return new DiagnosticsException(new Diagnostics().add(diagnostic));
  }

  public Diagnostics diagnostics() {
    return diagnostics;
  }

  private static String summary(Diagnostics diagnostics) {
    var list = diagnostics.sorted();
    if (list.isEmpty()) {
      return "no diagnostics";
    }
    String first = list.get(0).oneLine();
    return list.size() == 1 ? first : first + " (and " + (list.size() - 1) + " more)";
  }
}
