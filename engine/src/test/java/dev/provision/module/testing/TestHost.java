package dev.provision.module.testing;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.Mode;
import dev.provision.module.ModuleException;
import dev.provision.module.Plan;
import dev.provision.template.TemplateException;
import dev.provision.template.Templates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one {@link HostContext} for module tests. A fact answers from canned command output given
 * for its {@link Fact#key()} (the module's own {@link Fact#parse} runs on it); a fact with no
 * canned output runs through the host's connection, memoised until {@link #apply} changes
 * something, as the engine does; with neither, the test fails naming the fact and its command. A
 * {@link CannedConnection} runs nothing, so it never answers a fact. Expressions use
 * {@link SimpleExpressions}; templates are rendered by the real {@link Templates}. Progress lines,
 * secrets and the facts asked for are recorded for assertions. The host's {@link #mode(Mode) mode}
 * is the walk's: a module does not see it, but only a plan has {@link #changesPending() pending
 * changes}.
 */
public final class TestHost implements HostContext {

  private String name = "fixture";
  private Mode mode = Mode.PLAN;
  private boolean changesPending;
  private final Map<String, Object> vars = new LinkedHashMap<>();
  private final Map<String, CommandResult> outputs = new HashMap<>();
  private Connection connection;
  private boolean become;
  private Duration timeout;
  private final Map<String, Object> memo = new HashMap<>();
  private final List<String> factKeys = Collections.synchronizedList(new ArrayList<>());
  private final List<String> factCommands = Collections.synchronizedList(new ArrayList<>());
  private int factRuns;
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
  private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
  private final List<String> secrets = Collections.synchronizedList(new ArrayList<>());

  /** A host named {@code fixture} in plan mode, with no variables, no facts and no connection. */
  public TestHost() {}

  /** A host whose facts and actions run for real through {@code connection} (live module tests). */
  public static TestHost live(Mode mode, Connection connection, Map<String, Object> vars) {
    return new TestHost().mode(mode).connection(connection).vars(vars).timeout(Duration.ofMinutes(2));
  }

  /** A host with no connection at all (modules that run on the control node). */
  public static TestHost offline(Mode mode, Map<String, Object> vars) {
    return new TestHost().mode(mode).vars(vars);
  }

  public TestHost named(String value) {
    this.name = value;
    return this;
  }

  /** The walk's mode (plan by default). */
  public TestHost mode(Mode value) {
    this.mode = value;
    return this;
  }

  /** This host in a plan where an earlier task would change it first (a no-op when applying). */
  public TestHost afterPlannedChanges() {
    this.changesPending = true;
    return this;
  }

  @Override
  public boolean changesPending() {
    return changesPending && mode == Mode.PLAN;
  }

  public TestHost var(String key, Object value) {
    vars.put(key, value);
    return this;
  }

  public TestHost vars(Map<String, Object> values) {
    vars.putAll(values);
    return this;
  }

  /** Canned output of the fact with this key. */
  public TestHost output(String factKey, CommandResult result) {
    outputs.put(factKey, result);
    return this;
  }

  public TestHost output(String factKey, int exitCode, String stdout, String stderr) {
    return output(factKey, new CommandResult(exitCode, stdout, stderr, Duration.ZERO));
  }

  public TestHost output(String factKey, String stdout) {
    return output(factKey, 0, stdout, "");
  }

  /** Where actions run, and facts without canned output (unless it is a {@link CannedConnection}). */
  public TestHost connection(Connection value) {
    this.connection = value;
    return this;
  }

  /** The task's {@code become}. */
  public TestHost become(boolean value) {
    this.become = value;
    return this;
  }

  @Override
  public boolean become() {
    return become;
  }

  /** The task's {@code timeout}. */
  public TestHost timeout(Duration value) {
    this.timeout = value;
    return this;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  /** Runs a plan's actions, then forgets the facts read so far if it changed something, as the walker does. */
  public Map<String, Object> apply(Plan plan) throws ModuleException, ConnectionException {
    Map<String, Object> data = new LinkedHashMap<>();
    for (Action action : plan.actions()) {
      data.putAll(action.apply(this));
    }
    if (plan.changes()) {
      synchronized (memo) {
        memo.clear();
      }
    }
    return data;
  }

  @Override
  public String host() {
    return name;
  }

  @Override
  public Map<String, Object> vars() {
    return Collections.unmodifiableMap(vars);
  }

  @Override
  public Connection connection() throws ConnectionException {
    if (connection == null) {
      throw new ConnectionException(ConnectionException.Kind.UNREACHABLE, name, "this test host has no connection");
    }
    return connection;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T fact(Fact<T> fact) throws ModuleException, ConnectionException {
    factKeys.add(fact.key());
    factCommands.add(fact.command());
    CommandResult canned = outputs.get(fact.key());
    if (canned != null) {
      return fact.parse(canned);
    }
    if (connection == null || connection instanceof CannedConnection) {
      throw new AssertionError(name + " has no output for fact `" + fact.key() + "`; its command is: " + fact.command()
          + (outputs.isEmpty() ? "" : "; known: " + outputs.keySet()));
    }
    synchronized (memo) {
      if (memo.containsKey(fact.key())) {
        return (T) memo.get(fact.key());
      }
      factRuns++;
      T value = fact.parse(connection.run(Command.of(fact.command()).withBecome(become).withTimeout(timeout)));
      memo.put(fact.key(), value);
      return value;
    }
  }

  /** Keys of the facts the module asked for, in order, one per ask (memoised or not). */
  public List<String> factKeys() {
    synchronized (factKeys) {
      return List.copyOf(factKeys);
    }
  }

  /** The commands of the facts asked for, in order, one per ask. */
  public List<String> factCommands() {
    synchronized (factCommands) {
      return List.copyOf(factCommands);
    }
  }

  /** How many fact commands really ran through the connection (memoised answers do not count). */
  public int factRuns() {
    synchronized (memo) {
      return factRuns;
    }
  }

  @Override
  public void progress(String message) {
    progress.add(message);
  }

  /** Every progress line reported so far, in order. */
  public List<String> progressLines() {
    synchronized (progress) {
      return List.copyOf(progress);
    }
  }

  @Override
  public <S> S service(Class<S> type, Supplier<S> factory) {
    return type.cast(services.computeIfAbsent(type, t -> factory.get()));
  }

  @Override
  public Object evaluate(String expression) throws ModuleException {
    return SimpleExpressions.evaluate(expression, vars);
  }

  @Override
  public boolean test(String expression) throws ModuleException {
    return SimpleExpressions.truthy(evaluate(expression));
  }

  /** The real {@link Templates}, with the host's variables. */
  @Override
  public String render(String template) throws ModuleException {
    try {
      return String.valueOf(service(Templates.class, Templates::new).render(template, vars));
    } catch (TemplateException e) {
      throw new ModuleException(e.getMessage(), e);
    }
  }

  @Override
  public void secret(String value) {
    secrets.add(value);
  }

  /** Every value marked secret so far. */
  public List<String> secrets() {
    synchronized (secrets) {
      return List.copyOf(secrets);
    }
  }
}
