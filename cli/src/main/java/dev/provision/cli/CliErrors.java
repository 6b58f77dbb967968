package dev.provision.cli;

import dev.provision.diag.DiagnosticRenderer;
import dev.provision.diag.DiagnosticsException;
import dev.provision.diag.Suggestions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
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
    report(e, err, parsed.expandedArgs().stream().anyMatch(a -> a.matches("-v+") || a.equals("--verbose")));
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

  /**
   * Bad arguments exit 1, not picocli's 2: 2 means "the plan has changes". A mistyped command
   * ({@code provision valdate site.yaml}) is named as such, with the command meant: picocli would
   * take it for the playbook and suggest a command close to whatever argument came next.
   */
  static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    Object first = cli.getParseResult() == null ? null : cli.getParseResult().matchedPositionalValue(0, null);
    String mistyped = first instanceof Path p ? mistypedCommand(cli.getCommandSpec(), p) : null;
    java.util.Optional<String> ansibleOption = e instanceof CommandLine.UnmatchedArgumentException u
        ? AnsiblePlaybookOptions.notSupported(u.getUnmatched()) : java.util.Optional.empty();
    if (mistyped != null) {
      cli.getErr().println("provision: error: " + mistyped);
    } else if (ansibleOption.isPresent()) {
      cli.getErr().println("provision: error: " + ansibleOption.get());
    } else {
      cli.getErr().println("provision: error: " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, cli.getErr());
    }
    cli.getErr().println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
    cli.getErr().flush();
    return FAILURE;
  }

  /** Throws when the playbook argument is no file but a command's name misspelt. */
  static void refuseMistypedCommand(CommandLine.Model.CommandSpec spec, Path playbook) {
    String mistyped = mistypedCommand(spec, playbook);
    if (mistyped != null) {
      throw new UserError(mistyped);
    }
  }

  private static String mistypedCommand(CommandLine.Model.CommandSpec spec, Path playbook) {
    String word = playbook.toString();
    if (Files.exists(playbook) || word.contains("/") || word.contains(".")) {
      return null;
    }
    Set<String> commands = new TreeSet<>(spec.subcommands().keySet());
    return Suggestions.closest(word, commands)
        .map(c -> "unknown command `" + word + "`; did you mean `" + spec.qualifiedName() + " " + c + "`?")
        .orElse(null);
  }

  /** An error whose message is complete and actionable: no "run with -v" suffix. */
  static final class UserError extends RuntimeException {
    UserError(String message) {
      super(message);
    }
  }
}
