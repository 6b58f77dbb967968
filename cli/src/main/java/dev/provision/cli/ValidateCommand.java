package dev.provision.cli;

import dev.provision.graph.TaskGraph;
import dev.provision.module.Mode;
import dev.provision.run.Engine;
import dev.provision.run.RunOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    sortOptions = false,
    description = "Checks a playbook against an inventory without touching any host.")
final class ValidateCommand implements Callable<Integer> {

  @ParentCommand ProvisionCommand parent;

  @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook (YAML).") Path playbook;

  @Mixin InventoryOption inventory;

  @Mixin VarsOptions vars;

  @Mixin SelectionOptions selection;

  @Override
  public Integer call() throws Exception {
    Path inventory = this.inventory.require();
    ExtraVars vars = this.vars.parse();
    Engine engine = Engine.standard();
    Engine.Loaded loaded = engine.load(playbook, inventory);
    RunOptions options = new RunOptions(Mode.PLAN, 1, selection.limit, selection.tags(), selection.skipTags(),
        vars.values(), vars.secretNames(), false);
    TaskGraph graph = engine.validate(loaded, options);
    parent.out().println(playbook + ": valid (" + loaded.playbook().plays().size() + " plays, "
        + graph.activeHosts().size() + " hosts, " + graph.hostNodes().size() + " task runs)");
    return 0;
  }
}
