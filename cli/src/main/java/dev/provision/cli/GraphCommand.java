package dev.provision.cli;

import dev.provision.graph.GraphRenderer;
import dev.provision.graph.TaskGraph;
import dev.provision.graph.TaskGraphBuilder;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.InventoryLoader;
import dev.provision.module.ModuleRegistry;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code provision graph PLAYBOOK -i INV --format dot|mermaid}: draws the (task, host) DAG. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = "Draws the DAG of (task, host) nodes the playbook compiles to, as Graphviz dot or Mermaid.")
final class GraphCommand implements Callable<Integer> {

  enum Format {
    dot,
    mermaid
  }

  @ParentCommand ProvisionCommand parent;

  @Parameters(index = "0", paramLabel = "PLAYBOOK") Path playbook;

  @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "PATH") Path inventory;

  @Option(names = "--format", defaultValue = "dot", paramLabel = "FORMAT", description = "dot (default) or mermaid.")
  Format format;

  @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN") String limit;

  @Option(names = {"-t", "--tags"}, split = ",", paramLabel = "TAG") List<String> tags = new ArrayList<>();

  @Option(names = "--skip-tags", split = ",", paramLabel = "TAG") List<String> skipTags = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Inventory inv = new InventoryLoader().load(inventory);
    Playbook book = new PlaybookLoader(ModuleRegistry.load()).load(playbook);
    TaskGraph graph = TaskGraphBuilder.standard(limit, new LinkedHashSet<>(tags), new LinkedHashSet<>(skipTags))
        .build(book, inv);
    GraphRenderer.Format f = format == Format.mermaid ? GraphRenderer.Format.MERMAID : GraphRenderer.Format.DOT;
    parent.out().print(new GraphRenderer().render(graph, f));
    parent.out().flush();
    return 0;
  }
}
