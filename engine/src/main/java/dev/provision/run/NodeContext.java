package dev.provision.run;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.event.Event;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.template.TemplateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@link HostContext} a module sees while one task runs on one host: that host's variables, and
 * the connection (and fact memo) of {@code target}, the host itself or the one it delegates to.
 */
final class NodeContext implements HostContext {

  private volatile String deferredReason;
  private volatile String staleReason;
  /** Set when the plan's actions start: what they read is not what the node planned on. */
  private volatile boolean acting;
  private final dev.provision.graph.GraphNode node;

  private final RunContext run;
  private final HostState state;
  private final HostState target;
  private final dev.provision.playbook.Reach reach;
  private final Map<String, String> environment;
  private final VariableScope scope;
  private final String play;
  private final String task;
  private final int nodeId; // the node's number in the events
  private final boolean become;
  private final dev.provision.connection.Become becomeAs;
  private final Duration timeout;
  private final Instant started;
  private Map<String, Object> vars;

  NodeContext(RunContext run, dev.provision.graph.GraphNode node, HostState state, HostState target,
      dev.provision.playbook.Reach reach, Map<String, String> environment, VariableScope scope, String play,
      String task, boolean become, dev.provision.connection.Become becomeAs, Duration timeout, Instant started) {
    this.becomeAs = becomeAs;
    this.reach = reach;
    this.environment = environment;
    this.run = run;
    this.node = node;
    this.nodeId = run.id(node);
    this.state = state;
    this.target = target;
    this.scope = scope;
    this.play = play;
    this.task = task;
    this.become = become;
    this.timeout = timeout;
    this.started = started;
  }

  @Override
  public String host() {
    return state.host().name();
  }

  @Override
  public synchronized Map<String, Object> vars() {
    if (vars == null) {
      vars = java.util.Collections.unmodifiableMap(scope.all());
    }
    return vars;
  }

  @Override
  public Connection connection() throws ConnectionException {
    // the first task of a host may wait for its run lock
    Connection c = run.connections.get(new HostConnections.Target(connectionName(), reach), this::progress);
    // the task's `environment`, and whom its `become` switches to
    return environment.isEmpty() && becomeAs.equals(dev.provision.connection.Become.ROOT) ? c
        : new EnvironmentConnection(c, environment, becomeAs);
  }

  /** The host whose connection the task uses ({@code delegate_to}), or this host. */
  String connectionName() {
    return target.host().name();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T fact(Fact<T> fact) throws ModuleException, ConnectionException {
    String memo = memoKey(fact);
    if (target.hasMemo(memo)) {
      T value = (T) target.memo(memo);
      if (run.recorder != null || run.check != null) {
        observed(fact.key(), fact.subject(), fact.fingerprint(value));
      }
      return value;
    }
    CommandResult result = connection().run(Command.of(fact.command()).withBecome(become).withTimeout(timeout));
    if (result.stdoutDropped() > 0) { // a fact read from part of its output would be wrong, not short
      throw new ModuleException("reading " + fact.key() + " on " + host() + " printed more than the "
          + (dev.provision.connection.OutputTail.limit() >> 10) + " KiB kept of a command's output; set "
          + dev.provision.connection.OutputTail.ENV + " higher (say 256MiB) to read it");
    }
    T value = fact.parse(result);
    target.remember(memo, value);
    if (run.recorder != null || run.check != null) {
      observed(fact.key(), fact.subject(), fact.fingerprint(value));
    }
    return value;
  }

  /** A fact read as another user than root ({@code become_user}) is that user's view: remembered apart. */
  private String memoKey(Fact<?> fact) {
    return become && !becomeAs.equals(dev.provision.connection.Become.ROOT) && becomeAs.user() != null
        && !becomeAs.user().equals("root") ? fact.key() + " (as " + becomeAs.user() + ")" : fact.key();
  }

  /** A saved plan's record of what this node read before acting, or its check at apply. */
  @Override
  public void observed(String key, String subject, String fingerprint) throws ModuleException {
    if (acting) {
      return;
    }
    if (run.recorder != null) {
      run.recorder.read(node, key, subject, fingerprint, !state.hasPendingChanges());
    }
    if (run.check != null) {
      String stale = run.check.read(node, key, subject, fingerprint);
      if (stale != null) {
        throw refuse(stale);
      }
    }
  }

  /** The node is refused by its saved plan: it fails with {@code reason}, whatever the module makes of the exception. */
  ModuleException refuse(String reason) {
    staleReason = run.redactor.redact(reason);
    return new ModuleException(staleReason);
  }

  /** Why the saved plan refused this node, or null. */
  String staleReason() {
    return staleReason;
  }

  /** The plan's actions start now. */
  void acting() {
    acting = true;
  }

  dev.provision.graph.GraphNode node() {
    return node;
  }

  @Override
  public boolean become() {
    return become;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public boolean diffMode() {
    Boolean diff = node.diffKeyword();
    return diff != null ? diff : run.options.diff();
  }

  @Override
  public void progress(String message) {
    run.events.accept(new Event.TaskProgress(play, task, host(), message, Duration.between(started, Instant.now()), nodeId));
  }

  @Override
  public <S> S service(Class<S> type, Supplier<S> factory) {
    return run.service(type, factory);
  }

  @Override
  public Object evaluate(String expression) throws ModuleException {
    refuseUnknowns(expression);
    try {
      return run.templates.evaluate(expression, scope.varsFor(expression, true));
    } catch (TemplateException e) {
      throw e.isUndefined() ? new dev.provision.module.UndefinedVariableException(e.getMessage(), e)
          : new ModuleException(e.getMessage(), e);
    }
  }

  @Override
  public boolean test(String expression) throws ModuleException {
    refuseUnknowns(expression);
    try {
      return run.templates.test(expression, scope.varsFor(expression, true));
    } catch (TemplateException e) {
      throw new ModuleException(e.getMessage(), e);
    }
  }

  @Override
  public String render(String template) throws ModuleException {
    try {
      java.util.List<String> unknown = scope.unknownsIn(template, false);
      if (!unknown.isEmpty()) {
        throw knownAfterApply("the template reads " + String.join(", ", unknown));
      }
      return String.valueOf(run.templates.render(template, scope.varsFor(template, false)));
    } catch (TemplateException e) {
      throw new ModuleException(e.getMessage(), e);
    }
  }

  /**
   * In plan mode a module's own expressions ({@code assert}'s {@code that}) may read a value only
   * apply will know: the module stops, and the task is reported "known after apply".
   */
  private void refuseUnknowns(String expression) throws ModuleException {
    java.util.List<String> unknown;
    try {
      unknown = scope.unknownsIn(expression, true);
    } catch (dev.provision.template.TemplateException e) {
      throw new ModuleException(e.getMessage(), e);
    }
    if (!unknown.isEmpty()) {
      deferredReason = "`" + expression + "` reads " + String.join(", ", unknown);
      throw new ModuleException("known after apply: " + deferredReason);
    }
  }

  @Override
  public boolean changesPending() {
    return state.hasPendingChanges();
  }

  @Override
  public java.util.Optional<dev.provision.module.PlannedWrite> plannedWrite(String path) {
    return target.plannedWrite(path);
  }

  /** The task's name as the run reports it. */
  String task() {
    return task;
  }

  @Override
  public ModuleException knownAfterApply(String reason) {
    deferredReason = reason;
    return new ModuleException("known after apply: " + reason);
  }

  /** Why the module stopped on an unknown value, or null. */
  String deferredReason() {
    return deferredReason;
  }

  @Override
  public void secret(String value) {
    run.redactor.add(value);
  }
}
