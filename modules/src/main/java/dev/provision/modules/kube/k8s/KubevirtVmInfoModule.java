package dev.provision.modules.kube.k8s;

import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kubevirt.core.kubevirt_vm_info} (also {@code kubevirt_vm_info}): {@code kubernetes.core.k8s_info} for
 * VirtualMachines. Registers {@code resources} and {@code api_found}; with {@code wait}, waits for the VMs'
 * Ready condition: True, or with {@code running: false} False with reason VMINotExists.
 */
public final class KubevirtVmInfoModule implements Module {

  private static final ParamSchema SCHEMA = AnsibleKube.auth()
      .param(Param.string("api_version").defaultsTo("kubevirt.io/v1").describedAs("KubeVirt's API version"))
      .param(Param.string("name").describedAs("one VirtualMachine; default: all that match"))
      .param(Param.string("namespace").describedAs("the VMs' namespace; default: every namespace"))
      .param(Param.list("label_selectors").describedAs("label requirements, all of which must hold"))
      .param(Param.list("field_selectors").describedAs("field requirements, e.g. status.printableStatus=Running"))
      .param(Param.bool("running").describedAs("with wait: wait for running VMs (true, the default) or stopped ones"))
      .param(Param.bool("wait").defaultsTo(false).describedAs("wait for the VMs' Ready condition"))
      .param(Param.integer("wait_sleep").defaultsTo(5L).describedAs("accepted for Ansible; Provision watches instead"))
      .param(Param.integer("wait_timeout").defaultsTo(120L).describedAs("seconds to wait"))
      .param(Param.list("hidden_fields").notSupportedYet("read the whole object; filter it with a Jinja expression"))
      .summary("Ansible's kubevirt.core.kubevirt_vm_info: reads VirtualMachines by name, namespace and selectors, optionally waiting until they are ready; never changes anything.")
      .note("Registers resources (a list of VirtualMachines), as Ansible does. Difference from Ansible: no hidden_fields.")
      .example("""
          - name: is testvm ready
            kubevirt.core.kubevirt_vm_info:
              name: testvm
              namespace: default
            register: vm
          """)
      .build();

  private final K8sInfoModule info = new K8sInfoModule();

  @Override
  public String name() {
    return "kubevirt.core.kubevirt_vm_info";
  }

  @Override
  public List<String> aliases() {
    return List.of("kubevirt_vm_info");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** The same read as {@code k8s_info} of kind VirtualMachine, waiting for the condition kubevirt.core waits for. */
  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("kind", "VirtualMachine");
    for (String key : List.of("api_version", "name", "namespace", "label_selectors", "field_selectors", "wait",
        "wait_sleep", "wait_timeout", "kubeconfig", "context")) {
      if (params.has(key)) {
        args.put(key, params.raw(key));
      }
    }
    WaitSpec.Condition ready = KubevirtVmModule.readyCondition(
        !params.has("running") || params.bool("running") ? "Always" : "Halted");
    args.put("wait_condition", Map.of("type", ready.type(), "status", ready.status(), "reason",
        ready.reason() == null ? "" : ready.reason()));
    if (ready.reason() == null) {
      args.put("wait_condition", Map.of("type", ready.type(), "status", ready.status()));
    }
    return info.plan(info.schema().bind(name(), args), host);
  }
}
