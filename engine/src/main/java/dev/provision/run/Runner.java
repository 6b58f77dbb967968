package dev.provision.run;

import dev.provision.connection.RunLock;
import dev.provision.connection.ConnectionFactory;
import dev.provision.diag.DiagnosticsException;
import dev.provision.event.Event;
import dev.provision.event.EventSink;
import dev.provision.event.Recap;
import dev.provision.graph.GraphCycleException;
import dev.provision.graph.TaskGraph;
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
 * Walks a validated graph ({@link Engine#validate}) in plan or apply mode with one walker.
 * Everything it reports goes through {@code events}, redacted. Made by {@link Engine#runner}.
 */
public final class Runner {

  /** Inventory variables whose values are secrets wherever they show up. */
  private static final List<String> SECRET_HOST_VARS = List.of("ansible_password", "ansible_ssh_pass",
      "ansible_become_password", "ansible_become_pass", "ansible_sudo_pass");

  private final Engine engine;
  private final ConnectionFactory connections;
  private final EventSink events;
  private final ConnectionSpecs specs;
  private volatile Walker walker;
  private PlanRecorder recorder;
  private PlanCheck check;
  private volatile boolean cancelRequested;

  /** A runner with its own engine over {@code modules} (tests; commands use {@link Engine#runner}). */
  public Runner(ModuleRegistry modules, Templates templates, ConnectionFactory connections, EventSink events) {
    this(new Engine(modules, templates), connections, ConnectionSpecs.defaults(), events);
  }

  Runner(Engine engine, ConnectionFactory connections, ConnectionSpecs specs, EventSink events) {
    this.engine = engine;
    this.connections = connections;
    this.events = events;
    this.specs = specs;
  }

  /** Records the plan this runner walks for {@code --plan --out} (a plan's nodes and what they read). */
  public Runner recording(PlanRecorder recorder) {
    this.recorder = recorder;
    return this;
  }

  /** Holds the walk to a saved plan: stale nodes are refused ({@link PlanCheck}); no guessed first runs. */
  public Runner checking(PlanCheck check) {
    this.check = check;
    return this;
  }

  /** Validates, then walks: invalid host patterns or variables are reported before any host is touched. */
  public Recap run(Playbook playbook, Inventory inventory, RunOptions options) throws DiagnosticsException {
    return run(engine.validate(new Engine.Loaded(playbook, inventory), options), options);
  }

  /** Who holds the run locks, as other runs are told: {@code provision pid 4242 on ctl since 2026-12-02T07:10:00Z}. */
  private static String lockOwner(Instant started) {
    String machine = System.getenv("HOSTNAME");
    if (machine == null || machine.isBlank()) {
      try {
        machine = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
      } catch (java.io.IOException | RuntimeException e) {
        machine = "the control node";
      }
    }
    return "provision pid " + ProcessHandle.current().pid() + " on " + machine + " since "
        + started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /** Walks the whole graph, which {@link Engine#validate} built with the same {@code options}. */
  public Recap run(TaskGraph graph, RunOptions options) {
    Playbook playbook = graph.playbook();
    Inventory inventory = graph.inventory();
    Instant started = Instant.now();
    Redactor redactor = secrets(playbook, inventory, options);
    EventSink sink = new RedactingEventSink(events, redactor);
    Map<String, Host> hosts = graph.allHosts();
    HostConnections open = new HostConnections(connections,
        t -> specs.forHost(t.host(), ConnectionSpecs.reachedWith(hosts.containsKey(t.host())
            ? hosts.get(t.host()).vars() : Map.of(), options.extraVars()), t.reach()),
        new RunLock(lockOwner(started), options.waitForRunLock()));
    open.openAhead(firstTargets(graph), options.forks()); // handshakes in parallel, not one per free fork
    ExecutorService timedCalls = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "provision-timed-task");
      t.setDaemon(true);
      return t;
    });
    RecapCounter counter = new RecapCounter();
    if (recorder != null) {
      recorder.redactWith(redactor);
    }
    RunContext run = new RunContext(options, engine.templates(), engine.modules(), sink, redactor, open, graph,
        recorder, check, specs.commandLine());
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
   * Each active host as its first node reaches it (a play's {@code connection: local} opens no ssh
   * connection ahead); a reach with a template is rendered by the task itself, so the plain host is opened.
   */
  private static List<HostConnections.Target> firstTargets(TaskGraph graph) {
    Map<String, HostConnections.Target> first = new java.util.LinkedHashMap<>();
    for (dev.provision.graph.GraphNode n : graph.hostNodes()) {
      dev.provision.playbook.Reach reach = n instanceof dev.provision.graph.TaskNode t ? t.task().reach()
          : n.play().reach();
      boolean plain = java.util.stream.Stream.of(reach.connection(), reach.remoteUser(), reach.port())
          .noneMatch(VariableScope::hasTemplate);
      first.putIfAbsent(n.host(), new HostConnections.Target(n.host(), plain ? reach : dev.provision.playbook.Reach.NONE));
    }
    return graph.activeHosts().stream().map(h -> first.getOrDefault(h, HostConnections.Target.of(h))).toList();
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
    // what ansible-vault kept secret stays secret: values decrypted so far and later (include_vars)
    dev.provision.vault.VaultKeyring.current().onReveal(redactor::add);
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
