package dev.provision.cli;

import dev.provision.diag.DiagnosticRenderer;
import dev.provision.diag.DiagnosticsException;
import java.io.PrintStream;
import picocli.CommandLine;

/**
 * Turns exceptions into output: diagnostics are rendered in full (every problem, with the line and
 * a caret); anything else becomes one line, with the stack trace only under {@code -v}.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {

  static final int FAILURE = 1;

  private final PrintStream err;

  CliErrors(PrintStream err) {
    this.err = err;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    report(e, err, parsed.expandedArgs().contains("-v") || parsed.expandedArgs().contains("--verbose"));
    return FAILURE;
  }

  static void report(Throwable e, PrintStream err, boolean verbose) {
    if (e instanceof DiagnosticsException d) {
      err.print(new DiagnosticRenderer().render(d.diagnostics()));
    } else {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      err.println("provision: error: " + message);
      if (verbose) {
        e.printStackTrace(err);
      } else if (!(e instanceof UserError)) {
        err.println("provision: run again with -v for details");
      }
    }
    err.flush();
  }

  /** Bad arguments exit 1, not picocli's 2: 2 means "the plan has changes". */
  static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    cli.getErr().println("provision: error: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, cli.getErr());
    cli.getErr().println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
    cli.getErr().flush();
    return FAILURE;
  }

  /** An error whose message is complete and actionable: no "run with -v" suffix. */
  static final class UserError extends RuntimeException {
    UserError(String message) {
      super(message);
    }
  }
}
