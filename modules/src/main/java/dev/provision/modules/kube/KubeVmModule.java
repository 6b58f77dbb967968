package dev.provision.modules.kube;

import dev.provision.module.Diff;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kube_vm}: a KubeVirt VirtualMachine running or stopped, declaratively through {@code spec.runStrategy}
 * (Always / Halted); a VM that still uses the deprecated {@code spec.running} is moved to runStrategy. With {@code wait} (the default) it
 * waits for the instance to be Running and Ready (or gone), then registers name, phase, ip, node and ready. A VM
 * already in the state asked for is ok, and still registers those fields.
 */
public final class KubeVmModule implements Module {

  private static final ParamSchema SCHEMA = buildSchema();

  private static ParamSchema buildSchema() {
    ParamSchema.Builder b = KubeParams.access()
        .summary("Starts or stops a KubeVirt VirtualMachine, and waits for its instance to be Running (or gone).")
        .note("Declarative, through spec.runStrategy (Always or Halted), or spec.running when the VM uses that"
            + " legacy field; the change is a merge patch, shown as a diff. A VM already in the state asked for is"
            + " ok and still registers its fields. See docs/kube-wait-vm.md.")
        .returns("name", "the VM")
        .returns("namespace", "its namespace")
        .returns("phase", "the instance's phase (Stopped without one)")
        .returns("ip", "the instance's first IP address")
        .returns("node", "the node it runs on")
        .returns("ready", "whether the instance is Ready")
        .returns("run_strategy", "the VM's run strategy")
        .example("""
                - kube_vm: {name: testvm, namespace: default, state: running}
                  register: vm
                - debug: {msg: "{{ vm.name }} {{ vm.phase }} {{ vm.ip }} on {{ vm.node }}"}
                """)
        .param(Param.string("name").required().describedAs("the VirtualMachine"))
        .param(Param.string("namespace").describedAs("default: the kubeconfig's namespace or `default`"))
        .param(Param.string("state").choices("running", "stopped").defaultsTo("running")
            .describedAs("running: run strategy Always; stopped: Halted"))
        .param(Param.bool("wait").defaultsTo(true).describedAs("wait for the instance to be Running and Ready, or gone"))
        .param(Param.duration("timeout").defaultsTo("5m").describedAs("how long to wait, e.g. 300, 90s, 5m"))
        .freeForm("name");
    return b.build();
  }

  @Override
  public String name() {
    return "kube_vm";
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    KubernetesClient client = KubeAccess.client(host, params);
    String namespace = params.optString("namespace")
        .orElseGet(() -> client.getNamespace() != null ? client.getNamespace() : "default");
    boolean running = "running".equals(params.string("state"));
    Duration wait = params.bool("wait") ? KubeWaitModule.timeout(params, host) : null;
    VmReader reader = new VmReader(client, namespace, params.string("name"));
    Optional<VmView> view;
    try {
      view = reader.read();
    } catch (KubernetesClientException e) {
      throw KubeErrors.failure("read " + reader.vmName(), client, e);
    }
    String verb = running ? "start " : "stop ";
    if (view.isEmpty()) {
      if (!host.changesPending()) {
        throw reader.notFound();
      }
      // an earlier task of the plan (kube_apply of the VM manifest) may create it
      return Plan.change(verb + reader.vmName() + " (it does not exist yet)",
          new VmStateAction(reader, running, true, false, wait));
    }
    VmView now = view.get();
    boolean patch = !now.specMatches(running);
    boolean mustWait = wait != null && !now.reached(running);
    if (!patch && !mustWait) {
      return Plan.noop(now.line(), now.result());
    }
    VmStateAction action = new VmStateAction(reader, running, patch, now.legacyRunning(), mustWait ? wait : null);
    List<Diff> diffs = patch ? List.of(Diff.of(reader.vmName(), now.specLine() + "\n",
        VmView.specLineFor(running) + "\n")) : List.of();
    String summary = patch ? verb + reader.vmName() : "wait for " + reader.vmName() + " (now: " + now.line() + ")";
    return Plan.change(summary, diffs, List.of(action)).withResult(resultBefore(now));
  }

  private static Map<String, Object> resultBefore(VmView now) {
    return now.result();
  }
}
