package dev.provision.cli;

import dev.provision.connection.DefaultConnectionFactory;
import dev.provision.event.Event;
import dev.provision.event.Status;
import dev.provision.graph.TaskGraph;
import dev.provision.module.Mode;
import dev.provision.run.Engine;
import dev.provision.run.PlanCheck;
import dev.provision.run.PlannedNode;
import dev.provision.run.RunOptions;
import dev.provision.run.Runner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision apply PLAN}: runs a saved plan's actions and nothing else (docs/saved-plans.md).
 * In order: a plan applied before, or whose plan failed somewhere, is refused; then the inputs'
 * digests are recomputed and any difference refuses the whole plan before a host is contacted;
 * then the playbook is walked in apply mode held to the plan ({@link PlanCheck}): a node whose reads
 * or actions differ from the plan's is refused as stale and its dependents are skipped
 * ({@code --refuse-stale=node}), or, with {@code --refuse-stale=all}, the whole plan is first made
 * again against the saved one and nothing runs if any node is stale.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Applies a saved plan (provision PLAYBOOK --plan --out PLAN): exactly its actions, refusing stale nodes.")
final class ApplyCommand implements Callable<Integer> {

  /** What a stale node refuses. */
  enum RefuseStale { node, all }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @ParentCommand ProvisionCommand parent;

  @Parameters(index = "0", paramLabel = "PLAN", description = "The saved plan.") Path file;

  @Mixin VarsOptions vars;

  @Option(names = "--refuse-stale", defaultValue = "node", paramLabel = "node|all",
      description = "node (default): refuse a stale node and what depends on it, apply the rest as planned; "
          + "all: plan everything again first and apply nothing if any node is stale.")
  RefuseStale refuseStale;

  @Option(names = "--no-wait-lock", description = "Fail a host at once when another run holds its run lock, rather than wait for it.")
  boolean noWaitLock;

  @Option(names = {"-f", "--forks"}, paramLabel = "N", description = "Task runs in parallel at most (default: the plan's).")
  Integer forks;

  @Mixin ReportOptions report;

  @Mixin HostOptions hosts;

  @Override
  public Integer call() throws Exception {
    PlanFile plan = PlanFile.read(file);
    Path applied = Path.of(file + ".applied");
    String digest = PlanFile.digest(file);
    if (Files.exists(applied) && Files.readString(applied, StandardCharsets.UTF_8).contains(digest)) {
      throw new CliErrors.UserError("the plan " + file + " was already applied (" + applied + "); a plan applies once: "
          + "make a new one with `provision " + plan.playbook() + " -i " + plan.inventory() + " --plan --out " + file + "`");
    }
    if (!plan.failed().isEmpty()) {
      PlannedNode first = plan.failed().get(0);
      throw new CliErrors.UserError("the plan " + file + " failed on " + plan.failed().size() + " task run(s) ("
          + first.task() + " @ " + first.host() + ": " + first.result().message() + "): fix it and make a new plan");
    }
    ExtraVars vars = this.vars.parse();
    Engine engine = Engine.standard();
    List<String> changed = PlanInputs.of(plan.playbook(), plan.inventory(), vars.values(), engine.modules(),
        plan.inputs().files().keySet().stream().map(Path::of).toList())
        .changesSince(plan.inputs());
    if (!changed.isEmpty()) {
      throw new CliErrors.UserError("the plan " + file + " is stale, nothing was applied: its inputs changed since the plan:\n  "
          + String.join("\n  ", changed) + "\nmake a new plan");
    }
    Engine.Loaded loaded = engine.load(plan.playbook(), plan.inventory());
    PlanFile.Options o = plan.options();
    RunOptions options = new RunOptions(Mode.APPLY, forks == null ? o.forks() : forks, o.limit(), new HashSet<>(o.tags()),
        new HashSet<>(o.skipTags()), vars.values(), vars.secretNames(), o.diff(), !noWaitLock);
    TaskGraph graph = engine.validate(loaded, options);
    DefaultConnectionFactory connections = new DefaultConnectionFactory();
    if (refuseStale == RefuseStale.all) {
      List<String> stale = replan(engine, connections, graph, options, plan);
      if (!stale.isEmpty()) {
        parent.err().println("provision: the plan " + file + " is stale, nothing was applied:");
        stale.forEach(s -> parent.err().println("  " + s));
        return CliErrors.FAILURE;
      }
    }
    Runner runner = engine.runner(connections, hosts.specs(CONNECT_TIMEOUT),
        report.reporter(parent.out(), o.diff(), o.limit())).checking(new PlanCheck(plan.nodes(), false));
    PlaybookWalk.Done done = PlaybookWalk.run(runner, graph, options, parent.err());
    markApplied(applied, digest);
    return done.exitCode();
  }

  /**
   * {@code --refuse-stale=all}: the plan made again, in plan mode, against the saved one (every read
   * compared, pending changes as in the plan); what it refused, one line per node.
   */
  private List<String> replan(Engine engine, DefaultConnectionFactory connections, TaskGraph graph, RunOptions apply,
      PlanFile plan) throws Exception {
    List<String> refused = new ArrayList<>();
    RunOptions options = new RunOptions(Mode.PLAN, apply.forks(), apply.limit(), apply.tags(), apply.skipTags(),
        apply.extraVars(), apply.secretVars(), apply.diff());
    Runner runner = engine.runner(connections, hosts.specs(CONNECT_TIMEOUT), e -> {
      if (e instanceof Event.TaskFinished f && (f.result().status() == Status.FAILED
          || f.result().status() == Status.UNREACHABLE)) {
        synchronized (refused) {
          refused.add(f.task() + " @ " + f.host() + ": " + f.result().message());
        }
      }
    }).checking(new PlanCheck(plan.nodes(), true));
    PlaybookWalk.run(runner, graph, options, parent.err());
    return refused;
  }

  private static void markApplied(Path applied, String digest) throws IOException {
    Files.writeString(applied, digest + " " + PlanFile.now() + "\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }
}
