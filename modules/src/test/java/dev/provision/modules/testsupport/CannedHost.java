package dev.provision.modules.testsupport;

import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.module.Fact;
import dev.provision.module.testing.TestHost;
import dev.provision.module.ModuleException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A host for fixture tests: facts answer from canned command output (by fact key), so the
 * module's own parsing runs, and nothing else may touch the host. Named apart from the engine's
 * FixtureHost (written concurrently on another branch) to avoid a clash when both are merged.
 */
public final class CannedHost extends TestHost {

  private final Map<String, CommandResult> outputs = new HashMap<>();
  private final Map<String, Object> vars = new HashMap<>();
  private final List<String> factCommands = new ArrayList<>();
  private final List<String> factKeys = new ArrayList<>();
  private boolean become;

  public CannedHost() {
    super("fixture");
  }

  public CannedHost output(String factKey, int exitCode, String stdout, String stderr) {
    outputs.put(factKey, new CommandResult(exitCode, stdout, stderr, Duration.ZERO));
    return this;
  }

  public CannedHost output(String factKey, String stdout) {
    return output(factKey, 0, stdout, "");
  }

  public CannedHost var(String name, Object value) {
    vars.put(name, value);
    return this;
  }

  public CannedHost become(boolean value) {
    this.become = value;
    return this;
  }

  /** The commands of the facts asked for, in order (one per ask, memoised or not). */
  public List<String> factCommands() {
    return factCommands;
  }

  public List<String> factKeys() {
    return factKeys;
  }

  @Override
  public <T> T fact(Fact<T> fact) throws ModuleException {
    factKeys.add(fact.key());
    factCommands.add(fact.command());
    CommandResult out = outputs.get(fact.key());
    if (out == null) {
      throw new AssertionError("fixture gives no output for fact `" + fact.key() + "` (command: "
          + fact.command() + "); known: " + outputs.keySet());
    }
    return fact.parse(out);
  }


  @Override
  public Map<String, Object> vars() {
    return vars;
  }


  @Override
  public boolean become() {
    return become;
  }






}
