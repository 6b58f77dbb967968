package dev.provision.it.kube;

import dev.provision.module.Action;
import dev.provision.module.Mode;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Plan;
import dev.provision.module.testing.FixtureHost;
import dev.provision.modules.kube.KubeClients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a kube module the way the walker does (bind, plan, and in apply mode the plan's actions) against the
 * fixture's cluster, with one {@link KubeClients} shared by every run as in a real run. The kubeconfig comes
 * from the variable {@code kubeconfig}, the first source of cluster access.
 */
final class KubeModuleRunner implements AutoCloseable {

    /** The plan, and after apply the data the actions returned. */
    record Outcome(Plan plan, Map<String, Object> data, FixtureHost host) {
        boolean changed() {
            return plan.changes();
        }

        String message() {
            return plan.message();
        }
    }

    private final KubeApiServerFixture kube;
    private final KubeClients clients = new KubeClients();
    private final Map<String, Object> vars = new LinkedHashMap<>();

    KubeModuleRunner(KubeApiServerFixture kube) {
        this.kube = kube;
        vars.put("kubeconfig", kube.kubeconfig().toString());
    }

    KubeModuleRunner var(String name, Object value) {
        vars.put(name, value);
        return this;
    }

    Outcome plan(Module module, Map<String, Object> args) throws Exception {
        return run(module, args, Mode.PLAN);
    }

    Outcome apply(Module module, Map<String, Object> args) throws Exception {
        return run(module, args, Mode.APPLY);
    }

    private Outcome run(Module module, Map<String, Object> args, Mode mode) throws Exception {
        var params = module.schema().bind(module.name(), args);
        FixtureHost host = FixtureHost.offline(mode, vars);
        host.service(KubeClients.class, () -> clients);
        Plan plan = module.plan(params, host);
        Map<String, Object> data = new LinkedHashMap<>(plan.result());
        if (mode == Mode.APPLY) {
            for (Action action : plan.actions()) {
                data.putAll(action.apply(host));
            }
        }
        return new Outcome(plan, data, host);
    }

    /** The message of the ModuleException the run throws. */
    String failure(Module module, Map<String, Object> args, Mode mode) {
        try {
            run(module, args, mode);
        } catch (ModuleException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError("expected a ModuleException, got " + e, e);
        }
        throw new AssertionError("expected the run to fail");
    }

    static List<String> objectResults(Plan plan) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> objects = (List<Map<String, Object>>) plan.result().get("objects");
        return objects.stream().map(o -> o.get("kind") + " " + o.get("name") + " " + o.get("result")).toList();
    }

    @Override
    public void close() {
        clients.close();
    }
}
