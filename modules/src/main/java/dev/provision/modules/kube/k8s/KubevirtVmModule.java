package dev.provision.modules.kube.k8s;

import dev.provision.module.Action;
import dev.provision.module.Diff;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.kube.ClusterObjects;
import dev.provision.modules.kube.DeleteOptions;
import dev.provision.modules.kube.FieldOwner;
import dev.provision.modules.kube.KubeClients;
import dev.provision.modules.kube.ObjectChange;
import dev.provision.modules.kube.ObjectNames;
import dev.provision.modules.kube.ObjectPlanner;
import dev.provision.modules.kube.PatchKind;
import dev.provision.modules.kube.ResourceRef;
import dev.provision.modules.kube.ResourceWaiter;
import dev.provision.modules.kube.Selection;
import dev.provision.modules.kube.WaitAction;
import dev.provision.modules.kube.WaitGoal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kubevirt.core.kubevirt_vm} (also {@code kubevirt_vm}): a KubeVirt VirtualMachine from the task's
 * parameters, applied on the server like {@code kubernetes.core.k8s}. The VM's run is always written as
 * {@code spec.runStrategy} ({@code run_strategy}, or {@code running} mapped to Always or Halted), never the
 * deprecated {@code spec.running}, which is removed from a VM that still has it. With {@code wait} the task
 * waits for the VM's Ready condition (True when it runs; False with reason VMINotExists when it is halted),
 * as kubevirt.core does.
 */
public final class KubevirtVmModule implements Module {

  static final List<String> RUN_STRATEGIES = List.of("Always", "Halted", "Manual", "RerunOnFailure", "Once",
      "WaitAsReceiver");

  private static final ParamSchema SCHEMA = AnsibleKube.auth()
      .param(Param.string("api_version").defaultsTo("kubevirt.io/v1").describedAs("KubeVirt's API version"))
      .param(Param.string("name").required().describedAs("name of the VirtualMachine"))
      .param(Param.string("generate_name").notSupportedYet(
          "give name: a name the server makes up differs on every run, so no rerun could find the VM"))
      .param(Param.string("namespace").required().describedAs("namespace of the VirtualMachine"))
      .param(Param.map("annotations").describedAs("annotations of the VM and of its instances"))
      .param(Param.map("labels").describedAs("labels of the VM and of its instances"))
      .param(Param.bool("running").describedAs("deprecated by KubeVirt: true is run_strategy Always, false Halted"))
      .param(Param.string("run_strategy").choices(RUN_STRATEGIES.toArray(String[]::new))
          .describedAs("spec.runStrategy; default Always"))
      .param(Param.map("instancetype").describedAs("spec.instancetype, e.g. {name: u1.medium}"))
      .param(Param.map("preference").describedAs("spec.preference, e.g. {name: fedora}"))
      .param(Param.list("data_volume_templates").describedAs("spec.dataVolumeTemplates"))
      .param(Param.map("spec").describedAs("the instances' spec (spec.template.spec); default {domain: {devices: {}}}"))
      .param(Param.bool("wait").defaultsTo(false).describedAs("wait for the VM's Ready condition (or, halted, its absence)"))
      .param(Param.integer("wait_sleep").defaultsTo(5L).describedAs("accepted for Ansible; Provision watches instead"))
      .param(Param.integer("wait_timeout").defaultsTo(120L).describedAs("seconds to wait"))
      .param(Param.string("state").choices("present", "absent").defaultsTo("present")
          .describedAs("present: create or update the VM; absent: delete it"))
      .param(Param.bool("force").defaultsTo(false).describedAs("replace an existing VM (PUT)"))
      .param(Param.map("delete_options").describedAs("state absent: propagationPolicy, gracePeriodSeconds, preconditions"))
      .mutuallyExclusive("running", "run_strategy")
      .summary("Ansible's kubevirt.core.kubevirt_vm: creates, updates or deletes a KubeVirt VirtualMachine, and can wait until it is ready or stopped.")
      .note("Always writes spec.runStrategy (running true is Always, false Halted), never the deprecated spec.running, and removes it from a VM that still has it.")
      .example("""
          - name: a small test VM
            kubevirt.core.kubevirt_vm:
              name: testvm
              namespace: default
              running: true
              wait: true
          """)
      .build();

  @Override
  public String name() {
    return "kubevirt.core.kubevirt_vm";
  }

  @Override
  public List<String> aliases() {
    return List.of("kubevirt_vm");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    String namespace = ObjectNames.namespace(params.string("namespace"), "parameter `namespace`");
    String name = ObjectNames.name(params.string("name"), "parameter `name`");
    ResourceRef ref = new ResourceRef(params.string("api_version"), "VirtualMachine", name, namespace);
    ObjectPlanner planner = new ObjectPlanner(ClusterObjects.of(host, params));
    java.time.Duration waitFor = params.bool("wait") ? ObjectPlanner.bounded(java.time.Duration.ofSeconds(
        params.integer("wait_timeout")), host) : null;
    Results results = new Results();
    List<Action> actions = new ArrayList<>();
    List<Diff> diffs = new ArrayList<>();
    List<ObjectChange> changes = new ArrayList<>();
    String strategy = runStrategy(params);
    if ("absent".equals(params.string("state"))) {
      ObjectPlanner.Planned planned = planner.delete(ref, DeleteOptions.of(params.map("delete_options"),
          "delete_options"), waitFor);
      changes.add(planned.change());
      int i = results.add(planned.action() != null, "delete", null);
      if (planned.action() != null) {
        actions.add(new Recorded(planned.action(), results, i, false));
        diffs.add(planned.change().diff());
      }
    } else {
      Map<String, Object> vm = vm(params, strategy);
      ObjectPlanner.Planned legacy = planner.patch(ref, Map.of("spec", mapOfNull("running")), List.of(PatchKind.MERGE),
          KubeClients.FIELD_MANAGER);
      boolean dropLegacy = legacy != null && legacy.action() != null;
      ObjectPlanner.Planned planned = params.bool("force") ? planner.replace(ref, vm, FieldOwner.PROVISION)
          : planner.apply(ref, vm, FieldOwner.PROVISION);
      int i = results.add(planned.action() != null || dropLegacy, planned.live() == null ? "create"
          : params.bool("force") ? "replace" : "update", planned.predicted());
      if (dropLegacy) {
        actions.add(new Recorded(legacy.action(), results, i, false));
        changes.add(new ObjectChange(legacy.change().ref(), ObjectChange.Outcome.PATCHED,
            "drop the deprecated spec.running", legacy.change().diff()));
        diffs.add(legacy.change().diff());
      }
      if (planned.action() != null || !dropLegacy) {
        changes.add(planned.change());
      }
      if (planned.action() != null) {
        actions.add(new Recorded(planned.action(), results, i, false));
        diffs.add(planned.change().diff());
      }
      WaitSpec.Condition ready = readyCondition(strategy);
      boolean holdsNow = planned.action() == null && !dropLegacy && planned.live() != null
          && (ready == null || ready.holds(planned.live()));
      if (waitFor != null && ready != null && !holdsNow) {
        Selection selection = new Selection("VirtualMachine", ref.apiVersion(), namespace, name, null);
        WaitGoal goal = new WaitGoal("VirtualMachine", ref.describe(), ready, 1, false, true);
        actions.add(new Recorded(new WaitAction(new ResourceWaiter(planner.cluster().client()), selection, goal, waitFor),
            results, i, false));
      }
    }
    String message = ObjectChange.summary(changes);
    if (actions.isEmpty()) {
      return Plan.noop(message, results.render());
    }
    return Plan.change(actions.size() == 1 && actions.get(0).describe().startsWith("wait ")
        ? "wait for " + ref.describe() + " " + readyCondition(strategy).adjective() : message, diffs, actions)
        .withResult(results.render());
  }

  private static String runStrategy(Params params) {
    if (params.has("run_strategy")) {
      return params.string("run_strategy");
    }
    if (params.has("running")) {
      return params.bool("running") ? "Always" : "Halted";
    }
    return "Always";
  }

  /** kubevirt.core's wait: Ready=True for a running VM, Ready=False (VMINotExists) for a halted one. */
  static WaitSpec.Condition readyCondition(String strategy) {
    return switch (strategy) {
      case "Always", "RerunOnFailure", "Once" -> new WaitSpec.Condition("Ready", "True", null);
      case "Halted" -> new WaitSpec.Condition("Ready", "False", "VMINotExists");
      default -> null; // Manual, WaitAsReceiver: nothing to wait for
    };
  }

  /** The VirtualMachine as kubevirt.core builds it from the parameters, with spec.runStrategy. */
  static Map<String, Object> vm(Params params, String strategy) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", params.string("name"));
    metadata.put("namespace", params.string("namespace"));
    Map<String, Object> templateMeta = new LinkedHashMap<>();
    if (params.has("annotations")) {
      metadata.put("annotations", params.map("annotations"));
      templateMeta.put("annotations", params.map("annotations"));
    }
    if (params.has("labels")) {
      metadata.put("labels", params.map("labels"));
      templateMeta.put("labels", params.map("labels"));
    }
    Map<String, Object> template = new LinkedHashMap<>();
    if (!templateMeta.isEmpty()) {
      template.put("metadata", templateMeta);
    }
    template.put("spec", params.has("spec") ? params.map("spec") : Map.of("domain", Map.of("devices", Map.of())));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("runStrategy", strategy);
    if (params.has("instancetype")) {
      spec.put("instancetype", params.map("instancetype"));
    }
    if (params.has("preference")) {
      spec.put("preference", params.map("preference"));
    }
    if (params.has("data_volume_templates")) {
      spec.put("dataVolumeTemplates", params.list("data_volume_templates"));
    }
    spec.put("template", template);
    Map<String, Object> vm = new LinkedHashMap<>();
    vm.put("apiVersion", params.string("api_version"));
    vm.put("kind", "VirtualMachine");
    vm.put("metadata", metadata);
    vm.put("spec", spec);
    return vm;
  }

  private static Map<String, Object> mapOfNull(String key) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(key, null);
    return out;
  }
}
