package dev.provision.it.kube;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.module.Mode;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Plan;
import dev.provision.module.testing.TestHost;
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

    /** The plan, and after apply ({@code applied}) the data the actions returned. */
    record Outcome(Plan plan, Map<String, Object> data, TestHost host, boolean applied) {
        boolean changed() {
            return plan.changes();
        }

        /** The message as a run reports it: "would ..." for a change only planned. */
        String message() {
            return plan.reported(applied);
        }
    }

    private final KubeClients clients = new KubeClients();
    private final Map<String, Object> vars = new LinkedHashMap<>();
    private final List<TestHost> hosts = new java.util.concurrent.CopyOnWriteArrayList<>();

    KubeModuleRunner(KubeApiServerFixture kube) {
        this(kube.kubeconfig());
    }

    /** A runner that reaches the cluster through {@code kubeconfig} (a proxy's, for instance). */
    KubeModuleRunner(java.nio.file.Path kubeconfig) {
        vars.put("kubeconfig", kubeconfig.toString());
    }

    KubeModuleRunner var(String name, Object value) {
        vars.put(name, value);
        return this;
    }

    Outcome plan(Module module, Map<String, Object> args) throws ModuleException {
        return run(module, args, Mode.PLAN);
    }

    /** A plan in which an earlier task would change the host first (what the module reads may change). */
    Outcome planAfterChanges(Module module, Map<String, Object> args) throws ModuleException {
        return run(module, args, Mode.PLAN, true);
    }

    Outcome apply(Module module, Map<String, Object> args) throws ModuleException {
        return run(module, args, Mode.APPLY);
    }

    /** Every progress line the runs reported so far (a run still waiting included), in order of the runs. */
    List<String> progress() {
        List<String> lines = new java.util.ArrayList<>();
        hosts.forEach(h -> lines.addAll(h.progressLines()));
        return lines;
    }

    private Outcome run(Module module, Map<String, Object> args, Mode mode) throws ModuleException {
        return run(module, args, mode, false);
    }

    private Outcome run(Module module, Map<String, Object> args, Mode mode, boolean changesPending)
            throws ModuleException {
        var params = module.schema().bind(module.name(), args);
        TestHost host = TestHost.offline(mode, vars);
        if (changesPending) {
            host.afterPlannedChanges();
        }
        hosts.add(host);
        host.service(KubeClients.class, () -> clients);
        try {
            Plan plan = module.plan(params, host);
            Map<String, Object> data = new LinkedHashMap<>(plan.result());
            if (mode == Mode.APPLY) {
                data.putAll(host.apply(plan));
            }
            return new Outcome(plan, data, host, mode == Mode.APPLY);
        } catch (dev.provision.connection.ConnectionException e) {
            throw new AssertionError("kube modules use no host connection when a kubeconfig is given", e);
        }
    }

    /** The message of the ModuleException the run throws. */
    String failure(Module module, Map<String, Object> args, Mode mode) {
        try {
            run(module, args, mode);
        } catch (ModuleException e) {
            return e.getMessage();
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
