package dev.provision.run;

import dev.provision.connection.ConnectionFactory;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.DiagnosticsException;
import dev.provision.diag.SourceSpan;
import dev.provision.event.Event;
import dev.provision.event.EventSink;
import dev.provision.event.Recap;
import dev.provision.graph.GraphCycleException;
import dev.provision.graph.TaskGraph;
import dev.provision.graph.TaskGraphBuilder;
import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.module.ModuleRegistry;
import dev.provision.playbook.Play;
import dev.provision.playbook.Playbook;
import dev.provision.template.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a playbook over an inventory: compiles the (task, host) graph and walks it in plan or
 * apply mode with one walker. Everything it reports goes through {@code events}, redacted.
 */
public final class Runner {

  /** Inventory variables whose values are secrets wherever they show up. */
  private static final List<String> SECRET_HOST_VARS = List.of("ansible_password", "ansible_ssh_pass",
      "ansible_become_password", "ansible_become_pass", "ansible_sudo_pass");

  private final ModuleRegistry modules;
  private final Templates templates;
  private final ConnectionFactory connections;
  private final EventSink events;
  private final ConnectionSpecs specs;
  private volatile Walker walker;
  private volatile boolean cancelRequested;

  public Runner(ModuleRegistry modules, Templates templates, ConnectionFactory connections, EventSink events) {
    this(modules, templates, connections, events, ConnectionSpecs.defaults());
  }

  public Runner(ModuleRegistry modules, Templates templates, ConnectionFactory connections, EventSink events,
      ConnectionSpecs specs) {
    this.modules = modules;
    this.templates = templates;
    this.connections = connections;
    this.events = events;
    this.specs = specs;
  }

  /**
   * Every check that needs no host: the graph (host patterns, --limit, needs) and variables that no
   * source defines. Throws with all problems at once; touches nothing.
   */
  public TaskGraph validate(Playbook playbook, Inventory inventory, RunOptions options) throws DiagnosticsException {
    TaskGraph graph = TaskGraphBuilder.standard(options.limit(), options.tags(), options.skipTags())
        .build(playbook, inventory);
    new UndefinedVariableCheck(templates).check(graph, options);
    checkConnectionVars(graph, options);
    return graph;
  }

  /** Connection variables (ansible_port, ansible_connection) of every selected host, before any host. */
  private void checkConnectionVars(TaskGraph graph, RunOptions options) throws DiagnosticsException {
    Diagnostics problems = new Diagnostics();
    for (Map.Entry<String, Host> h : graph.allHosts().entrySet()) {
      if (!graph.activeHosts().contains(h.getKey())) {
        continue;
      }
      try {
        specs.forHost(h.getKey(), connectionVars(h.getValue().vars(), options));
      } catch (IllegalArgumentException e) {
        problems.error(SourceSpan.file("inventory"), e.getMessage(),
            "fix the variable in the inventory (ansible_port: 1-65535; ansible_connection: ssh or local)");
      }
    }
    problems.throwIfErrors();
  }

  /** Walks the whole graph; invalid host patterns or variables are reported before any host is touched. */
  public Recap run(Playbook playbook, Inventory inventory, RunOptions options) throws DiagnosticsException {
    Instant started = Instant.now();
    TaskGraph graph = validate(playbook, inventory, options);
    Redactor redactor = secrets(playbook, inventory, options);
    EventSink sink = new RedactingEventSink(events, redactor);
    Map<String, Host> hosts = graph.allHosts();
    HostConnections open = new HostConnections(connections,
        host -> specs.forHost(host, connectionVars(hosts.containsKey(host) ? hosts.get(host).vars() : Map.of(), options)));
    open.openAhead(graph.activeHosts(), options.forks()); // handshakes in parallel, not one per free fork
    ExecutorService timedCalls = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "provision-timed-task");
      t.setDaemon(true);
      return t;
    });
    RecapCounter counter = new RecapCounter();
    RunContext run = new RunContext(options, templates, modules, sink, redactor, open, graph);
    NodeVisitor visitor = new NodeVisitor(run, new TaskExecutor(run, new ModuleCall(run, timedCalls)),
        new FactsExecutor(run), counter);
    sink.accept(new Event.RunStarted(options.mode(), playbook.file() == null ? "" : playbook.file().toString(),
        playbook.plays().size(), graph.activeHosts().size(), graph.hostNodes().size()));
    try {
      walker = new Walker(options.forks(), visitor);
      if (cancelRequested) {
        walker.cancel();
      }
      walker.walk(graph.graph());
    } catch (GraphCycleException e) {
      throw new IllegalStateException("the graph builder let a cycle through", e);
    } catch (InterruptedException e) {
      walker.cancel();
      Thread.currentThread().interrupt();
    } finally {
      open.close();
      run.closeServices();
      timedCalls.shutdownNow();
    }
    Recap recap = counter.recap(graph.activeHosts());
    sink.accept(new Event.RunFinished(options.mode(), recap, Duration.between(started, Instant.now())));
    return recap;
  }

  /**
   * The variables a host is reached with: its inventory variables, and over them the extra vars,
   * which win everywhere in Ansible ({@code -e ansible_host=10.0.0.5} changes where to connect).
   */
  private static Map<String, Object> connectionVars(Map<String, Object> hostVars, RunOptions options) {
    if (options.extraVars().isEmpty()) {
      return hostVars;
    }
    Map<String, Object> vars = new java.util.LinkedHashMap<>(hostVars);
    vars.putAll(options.extraVars());
    return vars;
  }

  /** Stops the run (SIGINT): nothing new starts, running tasks are interrupted, the recap is still sent. */
  public void cancel() {
    cancelRequested = true;
    Walker w = walker;
    if (w != null) {
      w.cancel();
    }
  }

  public boolean cancelled() {
    return cancelRequested;
  }

  /**
   * The secrets known before any task: secret extra vars, connection passwords, and the variables a
   * play's {@code secret_vars} names, wherever they are defined. Templated values are added when a
   * task renders them ({@link TaskExecutor}).
   */
  private static Redactor secrets(Playbook playbook, Inventory inventory, RunOptions options) {
    Redactor redactor = new Redactor();
    Set<String> names = new LinkedHashSet<>(options.secretVars());
    playbook.plays().forEach(p -> names.addAll(p.secretVars()));
    for (String name : names) {
      redactor.add(options.extraVars().get(name));
      for (Play play : playbook.plays()) {
        Object value = play.vars().get(name);
        if (!VariableScope.hasTemplate(value)) {
          redactor.add(value);
        }
      }
    }
    for (Host h : inventory.hosts().values()) {
      for (String name : SECRET_HOST_VARS) {
        redactor.add(h.vars().get(name));
      }
      for (String name : names) {
        redactor.add(h.vars().get(name));
      }
    }
    return redactor;
  }
}
