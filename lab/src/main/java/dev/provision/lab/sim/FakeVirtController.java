package dev.provision.lab.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * virt-controller's and virt-handler's part: a VirtualMachine whose run strategy is Always (or RerunOnFailure, or
 * legacy {@code running: true}) gets a VirtualMachineInstance of the same name, owned by it, that is made Running and
 * Ready on a node with a fake IP; a Halted VM loses its instance. The VM's status (printableStatus, ready,
 * created) follows. Any instance without a VM is "run" too, as virt-handler would.
 */
final class FakeVirtController {

  private final KubernetesClient client;
  private final SimulationOptions options;
  private final AddressPool addresses;
  private final Consumer<String> log;
  /** A VMI keeps the node it was first given: a reconcile on a stale list must not move it. */
  private final Map<String, String> nodeByUid = new HashMap<>();
  private int turn;

  FakeVirtController(KubernetesClient client, SimulationOptions options, AddressPool addresses,
      Consumer<String> log) {
    this.client = client;
    this.options = options;
    this.addresses = addresses;
    this.log = log;
  }

  void reconcile(List<GenericKubernetesResource> vms, List<GenericKubernetesResource> vmis, StatusWriter status) {
    Map<String, GenericKubernetesResource> vmiByKey = new HashMap<>();
    vmis.forEach(vmi -> vmiByKey.put(key(vmi), vmi));
    for (GenericKubernetesResource vm : vms) {
      if (vm.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      GenericKubernetesResource vmi = vmiByKey.get(key(vm));
      String strategy = runStrategy(vm);
      try {
        if (wantsRunning(strategy) && vmi == null) {
          create(vm);
        } else if ("Halted".equals(strategy) && vmi != null && vmi.getMetadata().getDeletionTimestamp() == null) {
          client.genericKubernetesResources(KubeVirtKinds.VMI).inNamespace(vm.getMetadata().getNamespace())
              .withName(vm.getMetadata().getName()).delete();
          addresses.release(vmi.getMetadata().getUid());
          nodeByUid.remove(vmi.getMetadata().getUid());
          log.accept("VMI " + key(vm) + " deleted (runStrategy Halted)");
        }
        writeVmStatus(vm, vmi, status);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && e.getCode() != 409) {
          throw e;
        }
      }
    }
    for (GenericKubernetesResource vmi : vmis) {
      if (vmi.getMetadata().getDeletionTimestamp() == null && !runningAndReady(vmi)) {
        run(vmi, status);
      }
    }
  }

  /** As virt-controller reads a VM: spec.runStrategy, else the legacy spec.running (true: Always), else Halted. */
  static String runStrategy(GenericKubernetesResource vm) {
    String strategy = Fields.text(vm.getAdditionalProperties(), "spec", "runStrategy");
    if (strategy != null) {
      return strategy;
    }
    return "true".equals(Fields.text(vm.getAdditionalProperties(), "spec", "running")) ? "Always" : "Halted";
  }

  /** Always and RerunOnFailure keep an instance running. */
  static boolean wantsRunning(String strategy) {
    return "Always".equals(strategy) || "RerunOnFailure".equals(strategy);
  }

  /** An instance in phase Running whose Ready condition is True. */
  static boolean runningAndReady(GenericKubernetesResource vmi) {
    return vmi != null && "Running".equals(Fields.text(vmi.getAdditionalProperties(), "status", "phase"))
        && "True".equals(Fields.condition(vmi.getAdditionalProperties(), "Ready"));
  }

  private void create(GenericKubernetesResource vm) {
    Map<String, Object> template = Fields.map(vm.getAdditionalProperties(), "spec", "template");
    Map<String, Object> templateMeta = Fields.map(template, "metadata");
    Map<String, String> labels = new LinkedHashMap<>();
    Fields.map(templateMeta, "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
    labels.put(Writes.SIMULATED_LABEL, "true");
    GenericKubernetesResource vmi = new GenericKubernetesResource();
    vmi.setApiVersion("kubevirt.io/v1");
    vmi.setKind("VirtualMachineInstance");
    vmi.setMetadata(new ObjectMetaBuilder().withName(vm.getMetadata().getName())
        .withNamespace(vm.getMetadata().getNamespace()).withLabels(labels)
        .addToAnnotations(Writes.SIMULATED_LABEL, Writes.NOTE)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("kubevirt.io/v1").withKind("VirtualMachine")
            .withName(vm.getMetadata().getName()).withUid(vm.getMetadata().getUid()).withController(true)
            .withBlockOwnerDeletion(true).build())
        .build());
    vmi.setAdditionalProperty("spec", Fields.map(template, "spec"));
    vmi.setAdditionalProperty("status", Map.of("phase", "Scheduling"));
    client.genericKubernetesResources(KubeVirtKinds.VMI).inNamespace(vm.getMetadata().getNamespace())
        .resource(vmi).create();
    log.accept("VMI " + key(vm) + " created (runStrategy " + runStrategy(vm) + ")");
  }

  private void run(GenericKubernetesResource vmi, StatusWriter status) {
    String uid = vmi.getMetadata().getUid();
    Object current = Fields.map(vmi.getAdditionalProperties(), "status").get("nodeName");
    String node = current != null ? String.valueOf(current)
        : nodeByUid.computeIfAbsent(uid, u -> options.vmNodes().get(turn++ % options.vmNodes().size()));
    String ip = addresses.podIp(uid, node);
    String now = Writes.now();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("phase", "Running");
    s.put("nodeName", node);
    s.put("interfaces", List.of(Map.of("name", "default", "interfaceName", "eth0", "ipAddress", ip,
        "ipAddresses", List.of(ip), "mac", AddressPool.mac(uid), "infoSource", "domain")));
    s.put("conditions", List.of(Writes.condition("Ready", "True", "", now),
        Map.of("type", "LiveMigratable", "status", "False", "reason", "DisksNotLiveMigratable",
            "message", Writes.NOTE, "lastProbeTime", now, "lastTransitionTime", now)));
    s.put("qosClass", "Burstable");
    s.put("guestOSInfo", Map.of());
    s.put("activePods", Map.of("simulated-" + uid, node));
    Map<String, Object> patch = Map.of("metadata", Map.of("labels", Map.of("kubevirt.io/nodeName", node)),
        "status", s);
    status.patch(KubeVirtKinds.VMI, vmi, patch);
    log.accept("VMI " + key(vmi) + " Running on " + node + " (" + ip + ")");
  }

  private void writeVmStatus(GenericKubernetesResource vm, GenericKubernetesResource vmi, StatusWriter status) {
    Map<String, Object> wanted = new LinkedHashMap<>();
    boolean wantsRunning = wantsRunning(runStrategy(vm));
    String printable;
    if (vmi == null) {
      printable = wantsRunning ? "Starting" : "Stopped";
      wanted.put("created", null);
      wanted.put("ready", null);
    } else {
      boolean ready = runningAndReady(vmi);
      printable = !wantsRunning ? "Stopping" : ready ? "Running" : "Starting";
      wanted.put("created", true);
      wanted.put("ready", ready ? true : null);
    }
    wanted.put("printableStatus", printable);
    // KubeVirt's Ready condition, which kubevirt.core's modules wait for: False with VMINotExists when stopped
    String readyStatus = Boolean.TRUE.equals(wanted.get("ready")) ? "True" : "False";
    String readyReason = vmi == null ? "VMINotExists" : readyStatus.equals("True") ? "" : "VMINotReady";
    Map<String, Object> now = Fields.map(vm.getAdditionalProperties(), "status");
    String nowReady = Fields.condition(vm.getAdditionalProperties(), "Ready");
    String nowReason = conditionReason(vm.getAdditionalProperties(), "Ready");
    wanted.put("conditions", List.of(Map.of("type", "Ready", "status", readyStatus, "reason", readyReason,
        "message", Writes.NOTE, "lastProbeTime", Writes.now(), "lastTransitionTime", Writes.now())));
    boolean same = printable.equals(now.get("printableStatus"))
        && java.util.Objects.equals(wanted.get("ready"), now.get("ready"))
        && java.util.Objects.equals(wanted.get("created"), now.get("created"))
        && readyStatus.equals(nowReady) && readyReason.equals(nowReason);
    if (!same) {
      status.patch(KubeVirtKinds.VM, vm, Map.of("status", wanted));
    }
  }

  private static String conditionReason(Map<String, Object> object, String type) {
    Object conditions = Fields.map(object, "status").get("conditions");
    if (conditions instanceof List<?> list) {
      for (Object c : list) {
        if (c instanceof Map<?, ?> m && type.equals(m.get("type"))) {
          return m.get("reason") == null ? "" : String.valueOf(m.get("reason"));
        }
      }
    }
    return null;
  }

  private static String key(GenericKubernetesResource r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }
}
