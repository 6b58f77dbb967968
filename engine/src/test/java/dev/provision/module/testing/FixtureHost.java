package dev.provision.module.testing;

import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.Mode;
import dev.provision.module.ModuleException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link HostContext} for module tests. Facts come from canned command output by
 * {@link Fact#key()} (the real {@link Fact#parse} runs on it); a fact with no canned output is
 * read through the connection when there is one (live tests), else the test fails naming the
 * fact and its command. Expressions use {@link SimpleExpressions}.
 */
public final class FixtureHost extends TestHost {

  private final boolean changesPending;
  private final Map<String, Object> vars;
  private final Map<String, CommandResult> facts;
  private final Connection connection;
  private final List<String> factKeys = new ArrayList<>();

  /**
   * {@code mode}: the walk's; a module does not see it, but only a plan has {@link #changesPending()
   * pending changes}.
   */
  public FixtureHost(Mode mode, Map<String, Object> vars, Map<String, CommandResult> facts, Connection connection) {
    this(mode, false, vars, facts, connection);
  }

  private FixtureHost(Mode mode, boolean changesPending, Map<String, Object> vars, Map<String, CommandResult> facts,
      Connection connection) {
    super("fixture");
    this.changesPending = changesPending && mode == Mode.PLAN;
    this.vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    this.facts = Map.copyOf(facts);
    this.connection = connection;
  }

  /** A host whose facts and actions run for real through {@code connection}. */
  public static FixtureHost live(Mode mode, Connection connection, Map<String, Object> vars) {
    return new FixtureHost(mode, vars, Map.of(), connection);
  }

  /** A host with canned facts and no connection at all (control-node modules). */
  public static FixtureHost offline(Mode mode, Map<String, Object> vars) {
    return new FixtureHost(mode, vars, Map.of(), null);
  }

  /** The same host in a plan where an earlier task would change it first (a no-op when applying). */
  public FixtureHost afterPlannedChanges(Mode mode) {
    return new FixtureHost(mode, true, vars, facts, connection);
  }

  @Override
  public boolean changesPending() {
    return changesPending;
  }

  @Override
  public Map<String, Object> vars() {
    return vars;
  }

  @Override
  public Connection connection() throws ConnectionException {
    if (connection == null) {
      return super.connection();
    }
    return connection;
  }

  @Override
  public <T> T fact(Fact<T> fact) throws ModuleException, ConnectionException {
    factKeys.add(fact.key());
    CommandResult canned = facts.get(fact.key());
    if (canned != null) {
      return fact.parse(canned);
    }
    if (connection == null || connection instanceof RecordingConnection) {
      throw new AssertionError("the fixture has no fact `" + fact.key() + "`; its command is: " + fact.command());
    }
    return fact.parse(connection.run(dev.provision.connection.Command.of(fact.command())));
  }

  /** Keys of the facts the module asked for, in order. */
  public List<String> factKeys() {
    return List.copyOf(factKeys);
  }


  @Override
  public Duration timeout() {
    return Duration.ofSeconds(60);
  }






}
