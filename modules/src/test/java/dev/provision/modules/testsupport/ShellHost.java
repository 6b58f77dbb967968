package dev.provision.modules.testsupport;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.Fact;
import dev.provision.module.testing.TestHost;
import dev.provision.module.ModuleException;
import dev.provision.module.Plan;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A real host for module tests: facts run through a {@link ShellConnection} and are memoised per
 * key until {@link #apply} changes something, as the engine's host context does.
 */
public final class ShellHost extends TestHost {

  private final ShellConnection connection;
  private final Map<String, Object> vars;
  private final Map<String, Object> facts = new HashMap<>();
  private int factRuns;
  private boolean become;

  public ShellHost(ShellConnection connection, Map<String, Object> vars) {
    super("local");
    this.connection = connection;
    this.vars = Map.copyOf(vars);
  }

  /** The task's {@code become}: recorded on each command (the tests already run as root). */
  public ShellHost become(boolean value) {
    this.become = value;
    return this;
  }

  /** How many fact commands really ran (memoised answers do not count). */
  public int factRuns() {
    return factRuns;
  }

  /** Runs a plan's actions, then forgets facts, as the walker does after a change. */
  public void apply(Plan plan) throws ModuleException, ConnectionException {
    for (Action action : plan.actions()) {
      action.apply(this);
    }
    if (plan.changes()) {
      facts.clear();
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T fact(Fact<T> fact) throws ModuleException, ConnectionException {
    if (facts.containsKey(fact.key())) {
      return (T) facts.get(fact.key());
    }
    factRuns++;
    CommandResult out = connection.run(Command.of(fact.command()).withBecome(become()));
    T value = fact.parse(out);
    facts.put(fact.key(), value);
    return value;
  }



  @Override
  public Map<String, Object> vars() {
    return vars;
  }

  @Override
  public Connection connection() {
    return connection;
  }

  @Override
  public boolean become() {
    return become;
  }

  @Override
  public Duration timeout() {
    return Duration.ofSeconds(120);
  }





}
