package dev.provision.module.testing;

import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Mode;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one module the way the walker does, against a real connection: check and bind the
 * arguments, plan, and in apply mode run the plan's actions. For live module tests (first run
 * changed, second run ok, plan changes nothing).
 */
public final class ModuleRun {

  /** The plan and, after apply ({@code applied}), the data the actions returned (the plan's result first). */
  public record Outcome(Plan plan, Map<String, Object> data, boolean applied) {
    public boolean changed() {
      return plan.changes();
    }

    /** The message as a run reports it: "would ..." for a change only planned. */
    public String message() {
      return plan.reported(applied);
    }
  }

  private final Module module;
  private final Connection connection;
  private final Map<String, Object> vars;
  private final String hostName;
  private final boolean become;

  public ModuleRun(Module module, Connection connection, Map<String, Object> vars) {
    this(module, connection, vars, "fixture", false);
  }

  private ModuleRun(Module module, Connection connection, Map<String, Object> vars, String hostName, boolean become) {
    this.module = module;
    this.connection = connection;
    this.vars = vars;
    this.hostName = hostName;
    this.become = become;
  }

  /** The same runs on a host of this inventory name (messages name it). */
  public ModuleRun on(String name) {
    return new ModuleRun(module, connection, vars, name, become);
  }

  /** The same runs with the task's {@code become}. */
  public ModuleRun become(boolean value) {
    return new ModuleRun(module, connection, vars, hostName, value);
  }

  public Outcome plan(Object args) throws ModuleException, ConnectionException {
    return run(Mode.PLAN, args);
  }

  public Outcome apply(Object args) throws ModuleException, ConnectionException {
    return run(Mode.APPLY, args);
  }

  private Outcome run(Mode mode, Object args) throws ModuleException, ConnectionException {
    Params params = bind(args);
    TestHost host = TestHost.live(mode, connection, vars).named(hostName).become(become);
    Plan plan = module.plan(params, host);
    Map<String, Object> data = new LinkedHashMap<>(plan.result());
    if (mode == Mode.APPLY) {
      data.putAll(host.apply(plan));
    }
    return new Outcome(plan, data, mode == Mode.APPLY);
  }

  /** Live tests pass plain values, so the run-time bind is the check (fixtures cover the static one). */
  private Params bind(Object args) throws ModuleException {
    return module.schema().bind(module.name(), args);
  }
}
