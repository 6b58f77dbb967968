package dev.provision.cli;

import dev.provision.graph.GraphRenderer;
import dev.provision.graph.TaskGraph;
import dev.provision.module.Mode;
import dev.provision.run.Engine;
import dev.provision.run.RunOptions;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision graph PLAYBOOK -i INV}: draws the (task, host) DAG, per node, per play or per
 * host, as Graphviz dot or Mermaid text, or as SVG/PNG through Graphviz's {@code dot}.
 */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Draws the DAG of (task, host) nodes the playbook compiles to.",
        "Views: nodes (every task on every host), plays (each task once, with its hosts), hosts (what each host runs)."})
final class GraphCommand implements Callable<Integer> {

  enum Format {
    dot,
    mermaid,
    svg,
    png
  }

  enum View {
    nodes,
    plays,
    hosts
  }

  @ParentCommand ProvisionCommand parent;

  @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook (YAML).") Path playbook;

  @Mixin InventoryOption inventory;

  @Mixin VarsOptions vars;

  @Mixin SelectionOptions selection;

  @Option(names = "--view", defaultValue = "nodes", paramLabel = "VIEW",
      description = "nodes (default), plays or hosts.")
  View view;

  @Option(names = "--format", defaultValue = "dot", paramLabel = "FORMAT",
      description = "dot (default) or mermaid text; svg or png drawn by Graphviz's `dot` (package graphviz).")
  Format format;

  @Option(names = "--columns", defaultValue = "" + GraphRenderer.DEFAULT_COLUMNS, paramLabel = "N",
      description = "Boxes (plays or hosts) side by side before the drawing wraps to a new row (default: ${DEFAULT-VALUE}).")
  int columns;

  @Option(names = {"-o", "--output-file"}, paramLabel = "FILE",
      description = "Write the drawing to FILE instead of standard output (needed for png on a terminal).")
  Path outputFile;

  @Override
  public Integer call() throws Exception {
    if (columns < 1) {
      throw new CliErrors.UserError("--columns must be at least 1");
    }
    ExtraVars vars = this.vars.parse();
    Engine engine = Engine.standard();
    Engine.Loaded loaded = engine.load(playbook, inventory.require());
    RunOptions options = new RunOptions(Mode.PLAN, 1, selection.limit, selection.tags(), selection.skipTags(),
        vars.values(), vars.secretNames(), false);
    TaskGraph graph = engine.validate(loaded, options); // the graph of a playbook that would be refused is not drawn
    GraphRenderer.Format text = format == Format.mermaid ? GraphRenderer.Format.MERMAID : GraphRenderer.Format.DOT;
    GraphRenderer.View drawn = GraphRenderer.View.valueOf(view.name().toUpperCase(Locale.ROOT));
    String source = new GraphRenderer().render(graph, text, drawn, columns);
    byte[] bytes = format == Format.svg || format == Format.png
        ? Graphviz.render(source, format.name())
        : source.getBytes(StandardCharsets.UTF_8);
    if (outputFile != null) {
      Files.write(outputFile, bytes);
      return 0;
    }
    if (format == Format.png && System.console() != null && parent.out() == System.out) {
      throw new CliErrors.UserError("a PNG is not text: give -o FILE, or redirect the output (> graph.png)");
    }
    OutputStream out = parent.out();
    out.write(bytes);
    out.flush();
    return 0;
  }
}
