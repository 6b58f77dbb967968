package dev.provision.cli;

import dev.provision.graph.GraphRenderer;
import dev.provision.graph.TaskGraph;
import dev.provision.module.Mode;
import dev.provision.run.Engine;
import dev.provision.run.RunOptions;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
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
    Engine engine = Engine.standard();
    Engine.Loaded loaded = engine.load(playbook, inventory);
    RunOptions options = new RunOptions(Mode.PLAN, 1, limit, new LinkedHashSet<>(tags), new LinkedHashSet<>(skipTags),
        Map.of(), Set.of(), false);
    TaskGraph graph = engine.validate(loaded, options); // the graph of a playbook that would be refused is not drawn
    GraphRenderer.Format f = format == Format.mermaid ? GraphRenderer.Format.MERMAID : GraphRenderer.Format.DOT;
    parent.out().print(new GraphRenderer().render(graph, f));
    parent.out().flush();
    return 0;
  }
}
