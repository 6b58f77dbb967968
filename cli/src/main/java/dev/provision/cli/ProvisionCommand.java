package dev.provision.cli;

import dev.provision.cli.report.JsonReporter;
import dev.provision.cli.report.Style;
import dev.provision.cli.report.Terminal;
import dev.provision.cli.report.TextReporter;
import dev.provision.cli.report.html.ReportRecorder;
import dev.provision.event.EventSink;
import dev.provision.event.Recap;
import dev.provision.module.Mode;
import dev.provision.connection.DefaultConnectionFactory;
import dev.provision.graph.TaskGraph;
import dev.provision.run.ConnectionSpecs;
import dev.provision.run.Engine;
import dev.provision.run.RunOptions;
import dev.provision.run.Runner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code provision PLAYBOOK -i INVENTORY [--plan] ...}: validate everything, then walk the graph. */
@Command(
    name = "provision",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Runs a playbook over an inventory: plans or applies it as a DAG of (task, host) nodes.",
    subcommands = {ValidateCommand.class, InventoryCommand.class, GraphCommand.class, DocCommand.class,
        CompletionCommand.class, LabCommand.class, ReportCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success, or a plan with no changes",
      "  1  a failed or unreachable host, or invalid input",
      "  2  --plan: there are changes to apply",
      "  129  stopped by SIGHUP (the terminal closed)",
      "  130  interrupted (Ctrl-C)",
      "  143  stopped by SIGTERM (timeout, a CI cancel, systemctl stop)"
    })
final class ProvisionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYBOOK", description = "The playbook (YAML).")
  Path playbook;

  @Mixin InventoryOption inventory;

  @Option(names = "--plan", description = "Dry run: show what would change, change nothing. Exit 2 when there are changes.")
  boolean plan;

  @Option(names = "--diff", description = "Show before/after diffs of changed files and objects.")
  boolean diff;

  @Mixin VarsOptions vars;

  @Mixin SelectionOptions selection;

  @Option(names = {"-f", "--forks"}, defaultValue = "50", paramLabel = "N", description = "Task runs in parallel at most (default: ${DEFAULT-VALUE}).")
  int forks;

  @Option(names = "--output", defaultValue = "text", paramLabel = "FORMAT",
      description = "text, or json: one JSON event per line (schema: docs/events.md).")
  OutputFormat output;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Also write the run as one self-contained HTML page: timeline per host, critical path, recap, failures, diffs.")
  Path report;

  @Option(names = "--accept-new-host-keys", description = "Trust and record host keys seen for the first time (like OpenSSH accept-new). Changed keys are still refused.")
  boolean acceptNewHostKeys;

  @Option(names = "--sudo-password-file", paramLabel = "FILE", description = "File holding the sudo password (else $PROVISION_SUDO_PASSWORD; never on the command line).")
  Path sudoPasswordFile;

  @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or output is not a terminal).")
  boolean noColor;

  @Option(names = {"-v", "--verbose"},
      description = "Show skipped tasks, actions, whole messages on a terminal too, and stack traces.")
  boolean verbose;

  private static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(10);

  private final PrintStream out;
  private final PrintStream err;

  ProvisionCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    if (playbook == null) {
      spec.commandLine().usage(err);
      return CliErrors.FAILURE;
    }
    CliErrors.refuseMistypedCommand(spec, playbook);
    Path inventory = this.inventory.require();
    if (forks < 1) {
      throw new CliErrors.UserError("--forks must be at least 1");
    }
    ExtraVars vars = this.vars.parse();
    Engine engine = Engine.standard();
    DefaultConnectionFactory connections = new DefaultConnectionFactory().warmUp(); // beside the loading below
    Engine.Loaded loaded = engine.load(playbook, inventory);
    Mode mode = plan ? Mode.PLAN : Mode.APPLY;
    RunOptions options = new RunOptions(mode, forks, selection.limit, selection.tags(), selection.skipTags(),
        vars.values(), vars.secretNames(), diff);
    TaskGraph graph = engine.validate(loaded, options, w -> err.print(new dev.provision.diag.DiagnosticRenderer().render(w)));
    ReportRecorder recorder = report == null ? null
        : output == OutputFormat.json ? ReportRecorder.printingJson(out) : ReportRecorder.beside(reporter());
    EventSink sink = recorder != null ? recorder : reporter();
    Runner runner = engine.runner(connections,
        new ConnectionSpecs(acceptNewHostKeys, CONNECT_TIMEOUT, SudoPasswords.from(sudoPasswordFile)), sink);
    Recap recap;
    try (Interrupts interrupts = Interrupts.onSignals(runner::cancel)) {
      recap = runner.run(graph, options);
      if (interrupts.fired()) {
        err.println("provision: interrupted (SIG" + interrupts.signal() + "): running tasks were cancelled");
        return interrupts.exitCode();
      }
    } finally {
      if (recorder != null) { // an interrupted or failed run gets its report too
        recorder.writeTo(report);
      }
    }
    return recap.exitCode(mode);
  }

  /** JSON lines, or text: live on a terminal, with a heartbeat line for long tasks elsewhere. */
  private EventSink reporter() {
    if (output == OutputFormat.json) {
      return new JsonReporter(out);
    }
    // the reporter writes to `out`; only when that is the process's stdout can it be the terminal
    Terminal terminal = out == System.out ? Terminal.detect() : Terminal.plain();
    return new TextReporter(out, Style.detect(noColor, terminal), terminal,
        new TextReporter.Options(verbose, diff, selection.limit, Heartbeat.fromEnvironment()));
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }
}
