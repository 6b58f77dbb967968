package dev.provision.cli;

import dev.provision.cli.report.html.ReportRecorder;
import dev.provision.event.EventSink;
import dev.provision.module.Mode;
import dev.provision.connection.DefaultConnectionFactory;
import dev.provision.graph.TaskGraph;
import dev.provision.run.ConnectionSpecs;
import dev.provision.run.Engine;
import dev.provision.run.PlanRecorder;
import dev.provision.run.RunOptions;
import dev.provision.run.Runner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
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
    subcommands = {ShowCommand.class, ApplyCommand.class, ValidateCommand.class, InventoryCommand.class, GraphCommand.class, DocCommand.class,
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

  @Option(names = {"-C", "--check"},
      description = "As --plan, with ansible-playbook's exit code: 0 when there are changes too.")
  boolean check;

  @Option(names = {"--diff", "-D"}, description = "Show before/after diffs of changed files and objects.")
  boolean diff;

  @Option(names = "--syntax-check",
      description = "Check the playbook and inventory without touching any host (as `provision validate`), then stop.")
  boolean syntaxCheck;

  @Mixin VarsOptions vars;

  @Mixin SelectionOptions selection;

  @Option(names = "--no-wait-lock", description = "Fail a host at once when another run holds its run lock, rather than wait for it.")
  boolean noWaitLock;

  @Option(names = {"-f", "--forks"}, defaultValue = "50", paramLabel = "N", description = "Task runs in parallel at most (default: ${DEFAULT-VALUE}).")
  int forks;

  @Option(names = "--out", paramLabel = "FILE",
      description = "With --plan: save the plan to FILE, to review (provision show FILE) and apply exactly (provision apply FILE).")
  Path planFile;

  @Mixin ReportOptions report;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Also write the run as one self-contained HTML page: timeline per host, critical path, recap, failures, diffs.")
  Path reportFile;

  @Mixin HostOptions hosts;

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
    if (planFile != null && !plan && !check) {
      throw new CliErrors.UserError("--out saves a plan: add --plan (then apply it with `provision apply " + planFile + "`)");
    }
    ExtraVars vars = this.vars.parse();
    Engine engine = Engine.standard();
    if (syntaxCheck) {
      Engine.Loaded checked = engine.load(playbook, inventory);
      engine.validate(checked, new RunOptions(Mode.PLAN, 1, selection.limit, selection.tags(), selection.skipTags(),
          vars.values(), vars.secretNames(), false), w -> err.print(new dev.provision.diag.DiagnosticRenderer().render(w)));
      out.println("playbook: " + playbook); // as ansible-playbook --syntax-check
      return 0;
    }
    boolean plan = this.plan || check;
    ConnectionSpecs specs = hosts.specs(CONNECT_TIMEOUT);
    DefaultConnectionFactory connections = new DefaultConnectionFactory();
    // ssh's one-time set-up runs beside the playbook's loading, and only when an ssh host is coming:
    // in an all-local run (the Kubernetes modules) it only took CPU from the run's own start-up
    Engine.Loaded loaded = engine.load(playbook, inventory, inv -> {
      if (specs.anySsh(inv.hosts().values())) {
        connections.warmUp();
      }
    });
    Mode mode = plan ? Mode.PLAN : Mode.APPLY;
    RunOptions options = new RunOptions(mode, forks, selection.limit, selection.tags(), selection.skipTags(),
        vars.values(), vars.secretNames(), diff, !noWaitLock);
    TaskGraph graph = engine.validate(loaded, options, w -> err.print(new dev.provision.diag.DiagnosticRenderer().render(w)));
    // with --report and --output json the page keeps the very lines printed (provision report rebuilds it alike)
    ReportRecorder page = reportFile == null ? null : report.output == OutputFormat.json
        ? ReportRecorder.printingJson(out) : ReportRecorder.beside(report.reporter(out, diff, selection.limit));
    EventSink sink = page != null ? page : report.reporter(out, diff, selection.limit);
    Runner runner = engine.runner(connections, specs, sink);
    PlanRecorder recorder = planFile == null ? null : new PlanRecorder();
    // the inputs as they were when the plan began
    PlanInputs inputs = planFile == null ? null : PlanInputs.of(playbook, inventory, vars.values(), engine.modules(),
        PlanInputs.taskFiles(loaded.playbook()));
    runner.recording(recorder);
    PlaybookWalk.Done done;
    try {
      done = PlaybookWalk.run(runner, graph, options, err);
    } finally {
      if (page != null) { // an interrupted or failed run gets its report too
        page.writeTo(reportFile);
      }
    }
    if (done.interrupted()) {
      return done.exitCode();
    }
    if (recorder != null) {
      savePlan(inventory, vars, inputs, recorder, done);
    }
    // ansible-playbook --check exits 0 when it would change something; --plan says so with 2
    return check && done.exitCode() == 2 ? 0 : done.exitCode();
  }

  private void savePlan(Path inventory, ExtraVars vars, PlanInputs inputs, PlanRecorder recorder, PlaybookWalk.Done done)
      throws java.io.IOException {
    PlanFile saved = new PlanFile(java.util.UUID.randomUUID().toString(), PlanFile.now(),
        playbook.toAbsolutePath().normalize(), inventory.toAbsolutePath().normalize(),
        new PlanFile.Options(selection.limit, List.copyOf(new java.util.TreeSet<>(selection.tags())),
            List.copyOf(new java.util.TreeSet<>(selection.skipTags())), forks, diff,
            List.copyOf(vars.values().keySet()), List.copyOf(vars.secretNames())),
        inputs, recorder.nodes(), done.recap());
    saved.write(planFile);
    err.println("provision: plan saved to " + planFile + " (" + saved.nodes().size() + " task runs"
        + (saved.knownAfterApply().isEmpty() ? "" : ", " + saved.knownAfterApply().size() + " known after apply")
        + "); review it with `provision show " + planFile + "`, apply it with `provision apply " + planFile + "`");
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }
}
