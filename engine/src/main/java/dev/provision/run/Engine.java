package dev.provision.run;

import dev.provision.connection.ConnectionFactory;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.DiagnosticsException;
import dev.provision.diag.SourceSpan;
import dev.provision.event.EventSink;
import dev.provision.graph.TaskGraph;
import dev.provision.graph.TaskGraphBuilder;
import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.InventoryLoader;
import dev.provision.module.ModuleRegistry;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.playbook.VariableCheck;
import dev.provision.template.Templates;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The engine as every command uses it, in its three steps: {@link #load} the playbook and the
 * inventory, {@link #validate} them into the graph (every check that needs no host), then walk the
 * graph with a {@link #runner}. {@code provision}, {@code validate} and {@code graph} assemble
 * nothing themselves, so they check the same things (Terraform's {@code terraform.Context}). One
 * {@link Templates} serves loading and running, so a template is scanned once.
 */
public final class Engine {

  /** A playbook and the inventory it runs over, both read and checked on their own. */
  public record Loaded(Playbook playbook, Inventory inventory) {}

  private final ModuleRegistry modules;
  private final Templates templates;

  public Engine(ModuleRegistry modules) {
    this(modules, new Templates());
  }

  public Engine(ModuleRegistry modules, Templates templates) {
    this.modules = modules;
    this.templates = templates;
  }

  /** The built-in modules, and any other on the class path. */
  public static Engine standard() {
    return new Engine(ModuleRegistry.load());
  }

  /**
   * Reads the inventory, then the playbook: YAML, shapes, keywords, modules and their parameters,
   * template syntax, {@code needs}. Each file's problems are thrown together; touches no host.
   */
  public Loaded load(Path playbook, Path inventory) throws DiagnosticsException {
    return load(playbook, inventory, inv -> { });
  }

  /** {@link #load(Path, Path)}, handing the inventory to {@code inventoryRead} before the playbook is read. */
  public Loaded load(Path playbook, Path inventory, java.util.function.Consumer<Inventory> inventoryRead)
      throws DiagnosticsException {
    Inventory inv = new InventoryLoader().load(inventory, playbook.toAbsolutePath().getParent());
    inventoryRead.accept(inv);
    return new Loaded(new PlaybookLoader(modules, templates).load(playbook), inv);
  }

  /**
   * Every check that needs no host, on what {@link #load} read: the graph (host patterns,
   * {@code --limit}, tags, {@code needs} cycles), variables that no source defines, and each
   * selected host's connection variables. Throws with all problems at once; touches nothing.
   */
  public TaskGraph validate(Loaded loaded, RunOptions options) throws DiagnosticsException {
    return validate(loaded, options, warnings -> { });
  }

  /** {@link #validate(Loaded, RunOptions)}, giving {@code warnings} what is worth saying but refuses nothing. */
  public TaskGraph validate(Loaded loaded, RunOptions options, java.util.function.Consumer<Diagnostics> warnings)
      throws DiagnosticsException {
    TaskGraph graph = TaskGraphBuilder.standard(options.limit(), options.tags(), options.skipTags())
        .build(loaded.playbook(), loaded.inventory());
    Diagnostics prompts = dev.provision.playbook.VarsPrompts.check(loaded.playbook(), options.extraVars().keySet());
    prompts.throwIfErrors(); // before the variable check, which would only say the variable is undefined
    Diagnostics variables = new VariableCheck(modules, templates).check(loaded.playbook(),
        definedElsewhere(loaded.inventory(), options));
    // the warnings go with the errors too: one may be why (an `!unsafe` value that was templated)
    variables.addAll(loaded.playbook().warnings());
    variables.addAll(prompts);
    variables.addAll(graph.warnings());
    variables.throwIfErrors();
    if (!variables.isEmpty()) {
      warnings.accept(variables);
    }
    checkConnectionVars(graph, options);
    return graph;
  }

  /** Walks validated graphs over {@code connections}, reporting every event (redacted) to {@code events}. */
  public Runner runner(ConnectionFactory connections, ConnectionSpecs specs, EventSink events) {
    return new Runner(this, connections, specs, events);
  }

  /** The modules this engine plans with. */
  public ModuleRegistry modules() {
    return modules;
  }

  Templates templates() {
    return templates;
  }

  /** Variables the playbook does not define itself: any host's or group's in the inventory, extra vars. */
  private static Set<String> definedElsewhere(Inventory inventory, RunOptions options) {
    Set<String> names = new LinkedHashSet<>(options.extraVars().keySet());
    inventory.hosts().values().forEach(h -> names.addAll(h.vars().keySet()));
    inventory.groups().values().forEach(g -> names.addAll(g.vars().keySet()));
    return names;
  }

  /** Connection variables (ansible_port, ansible_connection) of every selected host, before any host. */
  private static void checkConnectionVars(TaskGraph graph, RunOptions options) throws DiagnosticsException {
    Diagnostics problems = new Diagnostics();
    for (Map.Entry<String, Host> h : graph.allHosts().entrySet()) {
      if (!graph.activeHosts().contains(h.getKey())) {
        continue;
      }
      try {
        // their validity depends on no option of ConnectionSpecs, but extra vars win over the inventory's
        ConnectionSpecs.defaults().forHost(h.getKey(), ConnectionSpecs.reachedWith(h.getValue().vars(), options.extraVars()));
      } catch (IllegalArgumentException e) {
        problems.error(SourceSpan.file("inventory"), e.getMessage(),
            "fix the variable in the inventory (ansible_port: 1-65535; ansible_connection: ssh or local)");
      }
    }
    problems.throwIfErrors();
  }
}
