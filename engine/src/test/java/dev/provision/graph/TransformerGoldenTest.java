package dev.provision.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.DiagnosticsException;
import dev.provision.diag.SourceSpan;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.InventoryLoader;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleRegistry;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each graph transformer tested alone, as Terraform tests its transformers: a case folder
 * {@code transformers/<Transformer>/<case>/} holds {@code playbook.yaml}, {@code hosts.ini}, an
 * optional {@code options.yaml} ({@code limit}, {@code tags}, {@code skip_tags}) and
 * {@code expected.txt}. The transformers it needs for its input run first ({@link #INPUTS}), then
 * the transformer itself; the golden is the graph after it, each line marked with what the
 * transformer did: {@code +} added, {@code -} removed, blank unchanged (play hosts, nodes, edges
 * from dependent to dependency, diagnostics).
 *
 * <p>A golden changes only on purpose: {@code mvn -pl engine test -Dtest=TransformerGoldenTest
 * -Dprovision.goldens=update} rewrites the goldens that differ and reports those tests skipped
 * ("rewritten"), never passed; review the rewrite with {@code git diff}. A missing golden fails.
 */
class TransformerGoldenTest {

  private static final Path ROOT = Path.of("src/test/resources/transformers");
  private static final boolean UPDATE = "update".equals(System.getProperty("provision.goldens"));

  /** What each transformer is given: the graph the transformers before it in the pipeline make of the case. */
  private static final Map<String, List<String>> INPUTS = Map.of(
      "PlayBarrierTransformer", List.of(),
      "HostSelectionTransformer", List.of(),
      "TaskNodeTransformer", List.of("HostSelectionTransformer"),
      "TagFilterTransformer", List.of("HostSelectionTransformer", "TaskNodeTransformer"),
      "HostSequenceTransformer", List.of("HostSelectionTransformer", "TaskNodeTransformer"),
      "RunOnceTransformer", List.of("HostSelectionTransformer", "TaskNodeTransformer"),
      "BatchTransformer", List.of("HostSelectionTransformer", "TaskNodeTransformer"),
      "PlayDependencyTransformer", List.of("PlayBarrierTransformer", "HostSelectionTransformer", "TaskNodeTransformer",
          "HostSequenceTransformer"));

  /** The one module the cases use ({@code step: text}); what it does does not matter to a graph. */
  private record Step() implements Module {
    @Override
    public String name() {
      return "step";
    }

    @Override
    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.string("text")).freeForm("text").build();
    }

    @Override
    public Plan plan(Params params, HostContext host) {
      throw new UnsupportedOperationException("graph cases never run");
    }
  }

  static Stream<String> cases() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.walk(ROOT, 2)) {
      dirs.filter(d -> ROOT.relativize(d).getNameCount() == 2 && Files.isDirectory(d))
          .forEach(d -> out.add(ROOT.relativize(d).toString()));
    }
    out.sort(null);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theTransformerMakesTheGoldenGraph(String name) throws Exception {
    Path dir = ROOT.resolve(name);
    String transformer = dir.getParent().getFileName().toString();
    assertThat(INPUTS).as("a transformer folder names a transformer").containsKey(transformer);
    Playbook playbook = new PlaybookLoader(new ModuleRegistry(List.of(new Step()))).load(dir.resolve("playbook.yaml"));
    Inventory inventory = new InventoryLoader().load(dir.resolve("hosts.ini"));
    Map<String, Object> options = options(dir.resolve("options.yaml"));

    TaskGraph graph = new TaskGraph(playbook, inventory);
    Diagnostics inputProblems = new Diagnostics();
    for (String step : INPUTS.get(transformer)) {
      transformer(step, options).transform(graph, inputProblems);
    }
    assertThat(inputProblems.asList()).as("the input transformers accept the case").isEmpty();
    List<String> before = render(graph, new Diagnostics());
    Diagnostics problems = new Diagnostics();
    transformer(transformer, options).transform(graph, problems);
    String actual = marked(before, render(graph, problems));

    Path golden = dir.resolve("expected.txt");
    String expected = Files.exists(golden) ? Files.readString(golden) : null;
    if (actual.equals(expected)) {
      return;
    }
    if (UPDATE) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      Assumptions.abort("golden rewritten: " + golden + " (review it with git diff)");
    }
    if (expected == null) {
      fail("no golden " + golden + "; this transformer gives:\n" + actual
          + "\nwrite it with -Dprovision.goldens=update once this is what it should give");
    }
    assertThat(actual).as("graph after " + transformer + " (%s)", golden).isEqualTo(expected);
  }

  private static GraphTransformer transformer(String name, Map<String, Object> options) {
    return switch (name) {
      case "PlayBarrierTransformer" -> new PlayBarrierTransformer();
      case "HostSelectionTransformer" -> new HostSelectionTransformer((String) options.get("limit"));
      case "TaskNodeTransformer" -> new TaskNodeTransformer();
      case "TagFilterTransformer" -> new TagFilterTransformer(new TagFilter(strings(options.get("tags")),
          strings(options.get("skip_tags"))));
      case "HostSequenceTransformer" -> new HostSequenceTransformer();
      case "RunOnceTransformer" -> new RunOnceTransformer();
      case "BatchTransformer" -> new BatchTransformer();
      case "PlayDependencyTransformer" -> new PlayDependencyTransformer();
      default -> throw new IllegalArgumentException("no transformer " + name);
    };
  }

  /** The graph as lines: each play's hosts, the nodes in insertion order, each node's dependencies, diagnostics. */
  static List<String> render(TaskGraph graph, Diagnostics problems) {
    List<String> out = new ArrayList<>();
    for (int p = 0; p < graph.playbook().plays().size(); p++) {
      out.add("hosts of play `" + graph.playbook().plays().get(p).name() + "`: "
          + (graph.hostNames(p).isEmpty() ? "(none)" : String.join(", ", graph.hostNames(p))));
    }
    Function<GraphNode, String> name = GraphNode::name;
    for (GraphNode n : graph.graph().vertices()) {
      out.add("node " + name.apply(n));
    }
    for (GraphNode n : graph.graph().vertices()) {
      for (GraphNode d : graph.graph().dependencies(n)) {
        out.add("edge " + name.apply(n) + " -> " + name.apply(d));
      }
    }
    for (Diagnostic d : problems) {
      SourceSpan s = d.span();
      out.add(d.severity().name().toLowerCase(java.util.Locale.ROOT)
          + (s != null && s.hasLine() ? " at " + s.line() + ":" + s.column() : "") + ": " + d.summary()
          + (d.hint() == null ? "" : " (hint: " + d.hint() + ")"));
    }
    return out;
  }

  /** {@code after}'s lines marked "+" when new and "  " when kept, then {@code before}'s lost lines marked "-". */
  static String marked(List<String> before, List<String> after) {
    Set<String> had = new LinkedHashSet<>(before);
    Set<String> has = new LinkedHashSet<>(after);
    StringBuilder out = new StringBuilder();
    for (String line : after) {
      out.append(had.contains(line) ? "  " : "+ ").append(line).append('\n');
    }
    for (String line : before) {
      if (!has.contains(line)) {
        out.append("- ").append(line).append('\n');
      }
    }
    return out.toString();
  }

  private static Map<String, Object> options(Path file) throws IOException, DiagnosticsException {
    if (!Files.exists(file)) {
      return Map.of();
    }
    Diagnostics problems = new Diagnostics();
    Object plain = dev.provision.yaml.YamlReader.readOne(file, problems).map(n -> n.toPlain()).orElse(Map.of());
    problems.throwIfErrors();
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) plain;
    return map;
  }

  private static Set<String> strings(Object list) {
    Set<String> out = new LinkedHashSet<>();
    if (list instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    }
    return out;
  }
}
