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

/** The {@link HostContext} a module sees while one task runs on one host. */
final class NodeContext implements HostContext {

  private volatile String deferredReason;

  private final RunContext run;
  private final HostState state;
  private final VariableScope scope;
  private final String play;
  private final String task;
  private final int node;
  private final boolean become;
  private final Duration timeout;
  private final Instant started;
  private Map<String, Object> vars;

  NodeContext(RunContext run, HostState state, VariableScope scope, String play, String task, int node,
      boolean become, Duration timeout, Instant started) {
    this.run = run;
    this.state = state;
    this.scope = scope;
    this.play = play;
    this.task = task;
    this.node = node;
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
    return run.connections.get(host());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T fact(Fact<T> fact) throws ModuleException, ConnectionException {
    if (state.hasMemo(fact.key())) {
      return (T) state.memo(fact.key());
    }
    CommandResult result = connection().run(Command.of(fact.command()).withBecome(become).withTimeout(timeout));
    T value = fact.parse(result);
    state.remember(fact.key(), value);
    return value;
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
  public void progress(String message) {
    run.events.accept(new Event.TaskProgress(play, task, host(), message, Duration.between(started, Instant.now()), node));
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
