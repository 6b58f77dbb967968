package dev.provision.run;

import dev.provision.event.EventSink;
import dev.provision.graph.GraphNode;
import dev.provision.graph.TaskGraph;
import dev.provision.graph.TaskNode;
import dev.provision.inventory.Host;
import dev.provision.module.Mode;
import dev.provision.module.ModuleRegistry;
import dev.provision.playbook.Play;
import dev.provision.playbook.Role;
import dev.provision.playbook.Task;
import dev.provision.template.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** What every node of one run shares: options, services, host states, connections, secrets. */
final class RunContext {

  final RunOptions options;
  final Templates templates;
  final ModuleRegistry modules;
  final EventSink events;
  final Redactor redactor;
  final HostConnections connections;
  final TaskGraph graph;
  final RunOnceResults runOnce;
  /** The plays a {@code meta: end_play} ended, for all their hosts. */
  final java.util.Set<Integer> endedPlays = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The plays a task with {@code any_errors_fatal} failed in: they stop on every host. */
  final java.util.Set<Integer> fatalPlays = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Each throttled task's permits ({@code throttle}), by play and task. */
  private final Map<String, java.util.concurrent.Semaphore> throttles = new java.util.concurrent.ConcurrentHashMap<>();

  /** The permits of a task with {@code throttle}: as many as it allows hosts at once. */
  java.util.concurrent.Semaphore throttle(GraphNode node, Task task) {
    return throttles.computeIfAbsent(node.playIndex() + " " + task.span() + " " + task.handler(),
        k -> new java.util.concurrent.Semaphore(task.throttle(), true));
  }
  private final Map<String, HostState> hosts = new LinkedHashMap<>();
  private final Map<String, Object> groups;
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
  /** A plan being saved ({@code --plan --out}), or null. */
  final PlanRecorder recorder;
  /** The saved plan an apply is held to ({@code provision apply}), or null. */
  final PlanCheck check;

  RunContext(RunOptions options, Templates templates, ModuleRegistry modules, EventSink events, Redactor redactor,
      HostConnections connections, TaskGraph graph, PlanRecorder recorder, PlanCheck check,
      ConnectionSpecs.Defaults commandLine) {
    this.commandLine = commandLine;
    this.recorder = recorder;
    this.check = check;
    this.options = options;
    this.templates = templates;
    this.modules = modules;
    this.events = events;
    this.redactor = redactor;
    this.connections = connections;
    this.graph = graph;
    this.runOnce = new RunOnceResults(graph);
    for (Host h : graph.allHosts().values()) {
      hosts.put(h.name(), new HostState(h));
    }
    this.groups = groupMembers(graph);
    this.next = nextOnHost(graph);
    for (GraphNode n : graph.hostNodes()) {
      ids.put(n, ids.size() + 1);
    }
  }

  private final Map<GraphNode, Integer> ids = new java.util.HashMap<>();
  private final ConnectionSpecs.Defaults commandLine;

  /** The node's number in this run's events: 1, 2, ... in graph order. */
  int id(GraphNode node) {
    return ids.getOrDefault(node, 0);
  }

  /**
   * The numbers of the nodes {@code node} waits for: its dependencies, a play barrier replaced by
   * what the barrier waits for (so the report can follow the DAG without knowing barriers).
   */
  List<Integer> needs(GraphNode node) {
    java.util.Set<Integer> out = new java.util.TreeSet<>();
    java.util.Deque<GraphNode> todo = new java.util.ArrayDeque<>(graph.graph().dependencies(node));
    java.util.Set<GraphNode> seen = new java.util.HashSet<>();
    while (!todo.isEmpty()) {
      GraphNode d = todo.pop();
      if (!seen.add(d)) {
        continue;
      }
      if (d.host() != null) {
        out.add(id(d));
      } else {
        todo.addAll(graph.graph().dependencies(d));
      }
    }
    return List.copyOf(out);
  }

  private final Map<GraphNode, GraphNode> next;

  /** The node its host runs after {@code node} in the same play, or null after its last one. */
  GraphNode next(GraphNode node) {
    return next.get(node);
  }

  private static Map<GraphNode, GraphNode> nextOnHost(TaskGraph graph) {
    Map<GraphNode, GraphNode> out = new java.util.HashMap<>();
    Map<String, GraphNode> last = new java.util.HashMap<>();
    for (GraphNode n : graph.graph().vertices()) { // insertion order: each host's nodes in play order
      if (n.host() != null) {
        GraphNode before = last.put(n.playIndex() + "\u0000" + n.host(), n);
        if (before != null) {
          out.put(before, n);
        }
      }
    }
    return out;
  }

  Mode mode() {
    return options.mode();
  }

  HostState host(String name) {
    return hosts.get(name);
  }

  /**
   * Why a node of a play must not run, as Ansible stops a play's hosts: an earlier {@code serial}
   * batch all failed; more than {@code max_fail_percentage} of a batch so far failed; or, with
   * {@code any_errors_fatal}, any host of the play failed. Null when it may run.
   */
  String batchStop(GraphNode node) {
    dev.provision.playbook.Batching batching = node.play().batching();
    if (fatalPlays.contains(node.playIndex())) {
      return "the play stopped: a task with any_errors_fatal failed";
    }
    List<List<String>> batches = graph.batches(node.playIndex());
    for (List<String> batch : batches) {
      long failed = batch.stream().filter(h -> hosts.get(h).hasFailedIn(node.playIndex())).count();
      boolean current = batch.contains(node.host());
      if (!current && failed == batch.size()) {
        return "the play stopped: every host of an earlier batch failed";
      }
      if (batching.maxFailPercentage() != null && failed * 100 > (long) batching.maxFailPercentage() * batch.size()) {
        return "the play stopped: more than max_fail_percentage (" + batching.maxFailPercentage()
            + "%) of a batch failed";
      }
      if (batching.anyErrorsFatal() && failed > 0) {
        return "the play stopped: a host failed, and any_errors_fatal is set";
      }
      if (current) {
        return null;
      }
    }
    return null;
  }

  /** Ansible's implicit localhost, for tasks delegated to it when no play runs on it. */
  private HostState implicitLocalhost; // guarded by this

  /** Names of the control node a task may be delegated to without an inventory entry. */
  private static final java.util.Set<String> LOCALHOST = java.util.Set.of("localhost", "127.0.0.1", "::1");

  /**
   * The host whose connection runs {@code task} on {@code host}: that one, or the inventory host (or
   * {@code localhost}, the control node) its {@code delegate_to} names, rendered with its variables.
   * Null when {@code delegate_to} reads a value known only after apply.
   *
   * @throws IllegalArgumentException when the delegate is no host of the inventory
   */
  String connectionHost(Task task, String host, VariableScope scope) throws dev.provision.template.TemplateException {
    String written = task.delegateTo();
    if (written == null) {
      return host;
    }
    if (!scope.unknownsIn(written, false).isEmpty()) {
      return null;
    }
    String name = String.valueOf(templates.render(written, scope.varsFor(written, false))).strip();
    if (hosts.containsKey(name)) {
      return name;
    }
    if (LOCALHOST.contains(name)) {
      return "localhost";
    }
    throw new IllegalArgumentException("`delegate_to: " + name + "` names no host of the inventory"
        + " (a task may be delegated to an inventory host, or to localhost)");
  }

  /**
   * {@code reach} ({@code connection}, {@code remote_user}, {@code port}) rendered with the node's
   * variables; null when one of them reads a value known only after apply.
   */
  dev.provision.playbook.Reach reach(dev.provision.playbook.Reach reach, VariableScope scope)
      throws dev.provision.template.TemplateException {
    if (reach.isEmpty()) {
      return reach;
    }
    String[] values = {reach.connection(), reach.remoteUser(), reach.port()};
    for (int i = 0; i < values.length; i++) {
      String written = values[i];
      if (written == null || !VariableScope.hasTemplate(written)) {
        continue;
      }
      if (!scope.unknownsIn(written, false).isEmpty()) {
        return null;
      }
      values[i] = String.valueOf(templates.render(written, scope.varsFor(written, false))).strip();
    }
    return new dev.provision.playbook.Reach(values[0], values[1], values[2]);
  }

  /** The variables that give become's password, in Ansible's order (ansible_sudo_pass and ansible_su_pass are the old names). */
  private static final List<String> BECOME_PASSWORDS = List.of("ansible_become_password", "ansible_become_pass");

  /**
   * Whom and how a task's {@code become} switches to: each of {@code ansible_become_user},
   * {@code ansible_become_method}, {@code ansible_become_flags} and {@code ansible_become_exe} over its
   * keyword (rendered), as every connection variable wins over its keyword in Ansible; the password
   * from {@code ansible_become_password} (or {@code ansible_become_pass}, {@code ansible_sudo_pass} /
   * {@code ansible_su_pass}), which becomes a secret of the run. Null when one reads a value known only
   * after apply.
   *
   * @throws IllegalArgumentException for a become method Provision does not run
   */
  dev.provision.connection.Become becomeAs(dev.provision.playbook.BecomeAs written, VariableScope scope)
      throws dev.provision.template.TemplateException {
    String[] values = new String[4];
    List<String> keys = List.of("become_user", "become_method", "become_flags", "become_exe");
    for (int i = 0; i < values.length; i++) {
      String key = keys.get(i);
      Object variable = scope.defines("ansible_" + key) ? dev.provision.template.Templates.revealUnsafe(scope.resolve("ansible_" + key)) : null;
      if (Unknown.is(variable)) {
        return null;
      }
      String text = variable != null ? String.valueOf(variable)
          : written.get(key) != null ? written.get(key) : commandLine.becomeAs().get(key);
      if (text != null && VariableScope.hasTemplate(text)) {
        if (!scope.unknownsIn(text, false).isEmpty()) {
          return null;
        }
        text = String.valueOf(templates.render(text, scope.varsFor(text, false)));
      }
      values[i] = text == null ? null : text.strip();
    }
    String method = values[1] == null ? "sudo" : values[1].replaceFirst("^ansible\\.builtin\\.", "");
    if (!dev.provision.connection.Become.METHODS.contains(method)) {
      throw new IllegalArgumentException("the become method `" + method + "` is not supported yet (use sudo or su)");
    }
    List<String> passwords = new java.util.ArrayList<>(BECOME_PASSWORDS);
    passwords.add(method.equals("su") ? "ansible_su_pass" : "ansible_sudo_pass");
    String password = null;
    for (String name : passwords) {
      Object v = scope.defines(name) ? dev.provision.template.Templates.revealUnsafe(scope.resolve(name)) : null;
      if (Unknown.is(v)) {
        return null;
      }
      if (v != null && !String.valueOf(v).isEmpty()) {
        password = String.valueOf(v);
        redactor.add(password); // a templated password (a lookup) is a secret as the variable's own text is
        break;
      }
    }
    String secret = password;
    return new dev.provision.connection.Become(values[0], method, values[2], values[3],
        secret == null ? null : secret::toCharArray);
  }

  /**
   * A task's {@code environment} rendered with the node's variables: names to strings. Null when it
   * reads a value known only after apply.
   *
   * @throws IllegalArgumentException when a template gives no mapping, or a name is not a variable name
   */
  Map<String, String> environment(Object environment, VariableScope scope)
      throws dev.provision.template.TemplateException {
    if (environment == null) {
      return Map.of();
    }
    if (environment instanceof String t && !scope.unknownsIn(t, false).isEmpty()) {
      return null;
    }
    Object rendered = environment instanceof String t ? templates.render(t, scope.varsFor(t, false)) : environment;
    if (!(rendered instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("`environment` must give a mapping of variables to values, not `"
          + rendered + "`");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("`environment`: `" + name + "` is not a valid environment variable name");
      }
      Object value = e.getValue();
      if (value instanceof String t && VariableScope.hasTemplate(t)) {
        if (!scope.unknownsIn(t, false).isEmpty()) {
          return null;
        }
        value = templates.render(t, scope.varsFor(t, false));
      }
      out.put(name, value == null ? "" : value instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(value));
    }
    return out;
  }

  /** The state (fact memo) of the host a task is delegated to, which may be the implicit localhost. */
  synchronized HostState delegateState(String name) {
    HostState state = hosts.get(name);
    if (state != null) {
      return state;
    }
    if (implicitLocalhost == null) {
      implicitLocalhost = new HostState(new Host(name, Map.of(), List.of()));
    }
    return implicitLocalhost;
  }

  Map<String, HostState> hosts() {
    return hosts;
  }

  @SuppressWarnings("unchecked")
  /** Closes the run's shared services (Kubernetes clients, caches) that hold resources. */
  void closeServices() {
    for (Object service : services.values()) {
      if (service instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          // closing at the end of a run: nothing left to report it to, and nothing depends on it
        }
      }
    }
    services.clear();
  }

  <S> S service(Class<S> type, Supplier<S> factory) {
    return (S) services.computeIfAbsent(type, t -> factory.get());
  }

  /**
   * Task keyword first, then the play's, then the inventory's {@code ansible_become}, then the
   * command line's {@code -b}.
   */
  boolean become(Play play, Task task, Host host) {
    if (task != null && task.become() != null) {
      return task.become();
    }
    if (play.become() != null) {
      return play.become();
    }
    Object v = host.vars().get("ansible_become");
    if (v == null) {
      return commandLine.become();
    }
    return v instanceof Boolean b ? b : List.of("true", "yes", "on", "1").contains(String.valueOf(v).toLowerCase());
  }

  /** The variables of a node, in Ansible's precedence, magic variables on top. */
  VariableScope scope(GraphNode node) {
    HostState state = hosts.get(node.host());
    Play play = node.play();
    Role role = node instanceof TaskNode t ? t.task().role() : null;
    // Ansible's precedence: role defaults lowest; role vars above the play's (vars/main.yml, then the
    // entry's vars); role params above set_fact; the task's own role over the play's other roles
    VariableScope scope = new VariableScope(templates)
        .layer(Map.of("ansible_facts", Map.of()), false) // without fact gathering: empty, as in Ansible
        .layer(play.roles().defaults(), true)
        .layer(role == null ? Map.of() : role.defaults(), true)
        .layer(state.host().vars(), true)
        .layer(state.gatheredFacts(), false)
        .layer(play.vars(), true)
        .layer(play.roles().vars(), true)
        .layer(role == null ? Map.of() : role.vars(), true);
    if (node instanceof TaskNode t) {
      scope.layer(t.task().vars(), true);
    }
    scope.layer(state.includedVars(), true)
        .layer(state.runtimeVars(), false)
        .layer(role == null ? Map.of() : role.params(), true)
        .layer(options.extraVars(), true);
    List<String> playHosts = graph.hostNames(node.playIndex());
    Map<String, Object> magic = new LinkedHashMap<>();
    String name = node.host();
    magic.put("inventory_hostname", name);
    magic.put("inventory_hostname_short", name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
    magic.put("group_names", state.host().groups());
    magic.put("groups", groups);
    magic.put("hostvars", new HostVarsView(hosts));
    magic.put("play_hosts", playHosts);
    magic.put("ansible_play_hosts", playHosts);
    magic.put("ansible_play_hosts_all", playHosts);
    magic.put("ansible_play_name", play.name());
    magic.put("ansible_check_mode", mode() == Mode.PLAN);
    magic.put("ansible_diff_mode", options.diff()); // --diff alone, as Ansible: a task's `diff` is HostContext.diffMode
    magic.put("ansible_play_batch", graph.batchOf(node.playIndex(), name));
    magic.put("ansible_version", ANSIBLE_VERSION);
    magic.put("ansible_run_tags", options.tags().isEmpty() ? List.of("all") : List.copyOf(new java.util.TreeSet<>(options.tags())));
    magic.put("ansible_skip_tags", List.copyOf(new java.util.TreeSet<>(options.skipTags())));
    magic.put("omit", Omit.TOKEN);
    magic.put("role_names", play.roles().names());
    magic.put("ansible_role_names", play.roles().names());
    magic.put("ansible_play_role_names", play.roles().names());
    if (role != null) {
      magic.put("role_name", role.name());
      magic.put("role_path", role.path().toString());
      magic.put("ansible_role_name", role.name());
    }
    if (graph.playbook().file() != null) {
      java.nio.file.Path dir = graph.playbook().file().toAbsolutePath().getParent();
      magic.put("playbook_dir", dir == null ? "" : dir.toString());
    }
    return scope.layer(magic, false);
  }

  /**
   * {@code ansible_version}: the Ansible release whose behaviour Provision follows (ansible-core
   * 2.14, checked against it by the conformance tests), so that {@code ansible_version.full is
   * version('2.9', '>=')} guards read as they do there.
   */
  static final Map<String, Object> ANSIBLE_VERSION;

  static {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("full", "2.14.0");
    v.put("major", 2L);
    v.put("minor", 14L);
    v.put("revision", 0L);
    v.put("string", "2.14.0");
    ANSIBLE_VERSION = java.util.Collections.unmodifiableMap(v);
  }

  /** {@code groups}: every group, including {@code all} and {@code ungrouped}, to its hosts. */
  private static Map<String, Object> groupMembers(TaskGraph graph) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("all", new ArrayList<>(graph.inventory().hosts().keySet()));
    for (String g : graph.inventory().groups().keySet()) {
      out.putIfAbsent(g, new ArrayList<>());
    }
    for (Host h : graph.inventory().hosts().values()) {
      for (String g : h.groups()) {
        out.computeIfAbsent(g, k -> new ArrayList<>()).add(h.name());
      }
    }
    Map<String, Object> frozen = new LinkedHashMap<>();
    out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return java.util.Collections.unmodifiableMap(frozen);
  }
}
