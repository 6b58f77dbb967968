package dev.provision.it.kube;

import dev.provision.connection.Connection;
import dev.provision.module.Action;
import dev.provision.module.Fact;
import dev.provision.module.testing.TestHost;
import dev.provision.module.Mode;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs one module as the walker does, for the kube modules: bind the arguments, plan, and in apply mode run the
 * plan's actions. The module reaches the cluster through variable {@code kubeconfig}; services (the client) are
 * shared across runs, as within one playbook run; progress lines are recorded.
 */
final class ModuleRunner {

  /** The plan and, after apply, the data the actions returned (the plan's result first). */
  record Outcome(Plan plan, Map<String, Object> data) {
    boolean changed() {
      return plan.changes();
    }
  }

  private final Module module;
  private final Map<String, Object> vars;
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
  private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

  ModuleRunner(Module module, Path kubeconfig) {
    this.module = module;
    this.vars = Map.of("kubeconfig", kubeconfig.toString());
  }

  Outcome plan(Map<String, Object> args) throws ModuleException {
    return run(Mode.PLAN, args);
  }

  Outcome apply(Map<String, Object> args) throws ModuleException {
    return run(Mode.APPLY, args);
  }

  /** Every progress line reported so far, in order. */
  List<String> progress() {
    synchronized (progress) {
      return List.copyOf(progress);
    }
  }

  private Outcome run(Mode mode, Map<String, Object> args) throws ModuleException {
    Params params = module.schema().bind(module.name(), args);
    Host host = new Host(mode);
    Plan plan;
    try {
      plan = module.plan(params, host);
    } catch (dev.provision.connection.ConnectionException e) {
      throw new AssertionError("kube modules use no host connection", e);
    }
    Map<String, Object> data = new LinkedHashMap<>(plan.result());
    if (mode == Mode.APPLY) {
      for (Action action : plan.actions()) {
        try {
          data.putAll(action.apply(host));
        } catch (dev.provision.connection.ConnectionException e) {
          throw new AssertionError("kube modules use no host connection", e);
        }
      }
    }
    return new Outcome(plan, data);
  }

  /** A new host per run; progress and services are the runner's, shared across runs as within one playbook. */
  private final class Host extends TestHost {
    private final Mode mode;

    Host(Mode mode) {
      super("controller.home.local");
      this.mode = mode;
    }


    @Override
    public Mode mode() {
      return mode;
    }

    @Override
    public Map<String, Object> vars() {
      return vars;
    }

    @Override
    public Connection connection() {
      throw new AssertionError("kube modules must not open a host connection when a kubeconfig is given");
    }

    @Override
    public <T> T fact(Fact<T> fact) {
      throw new AssertionError("kube modules read no host facts");
    }



    @Override
    public void progress(String message) {
      progress.add(message);
    }

    @Override
    public <S> S service(Class<S> type, Supplier<S> factory) {
      return type.cast(services.computeIfAbsent(type, t -> factory.get()));
    }



  }
}
