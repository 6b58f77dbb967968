package dev.provision.cli;

import dev.provision.graph.TaskGraph;
import dev.provision.module.Mode;
import dev.provision.run.Engine;
import dev.provision.run.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision validate PLAYBOOK -i INV}: every check that needs no host (YAML, keywords,
 * modules and their parameters, templates, needs, host patterns, undefined variables), without
 * connecting anywhere. For CI of playbooks, and for inventories whose hosts are not reachable here.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Checks a playbook against an inventory without touching any host.")
final class ValidateCommand implements Callable<Integer> {

  @ParentCommand ProvisionCommand parent;

  @Parameters(index = "0", paramLabel = "PLAYBOOK") Path playbook;

  @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "PATH") Path inventory;

  @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS") List<String> extraVars = new ArrayList<>();

  @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN") String limit;

  @Override
  public Integer call() throws Exception {
    ExtraVars vars = ExtraVars.parse(extraVars, List.of());
    Engine engine = Engine.standard();
    Engine.Loaded loaded = engine.load(playbook, inventory);
    RunOptions options = new RunOptions(Mode.PLAN, 1, limit, Set.of(), Set.of(), vars.values(), vars.secretNames(), false);
    TaskGraph graph = engine.validate(loaded, options, w -> parent.err().print(new dev.provision.diag.DiagnosticRenderer().render(w)));
    parent.out().println(playbook + ": valid (" + loaded.playbook().plays().size() + " plays, "
        + graph.activeHosts().size() + " hosts, " + graph.hostNodes().size() + " task runs)");
    return 0;
  }
}
