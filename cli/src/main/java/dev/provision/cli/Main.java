package dev.provision.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The CLI edge: builds the command line, and turns every exception into one clear line. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    if (Training.requested()) {
      Training.preload();
    }
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /** Runs the CLI with the given streams and returns the exit code (tests call this directly). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = commandLine(out, err);
    return cli.execute(args);
  }

  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new ProvisionCommand(out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // `-e @vars.yaml` is Ansible's extra-vars file, not picocli's argument file
    cli.setExpandAtFiles(false);
    // `-i inventory` is how Ansible users name their inventory folder, and also a subcommand's name
    cli.setAllowSubcommandsAsOptionParameters(true);
    cli.setExecutionExceptionHandler(new CliErrors(err));
    cli.setParameterExceptionHandler(CliErrors::usageError);
    return cli;
  }
}
