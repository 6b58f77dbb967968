package dev.provision.cli.lab.sim;

import dev.provision.modules.kube.VmView;
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
      VmView view = new VmView(map(vm), vmi == null ? null : map(vmi));
      String strategy = view.runStrategy();
      try {
        if (view.wantsRunning() && vmi == null) {
          create(vm);
        } else if ("Halted".equals(strategy) && vmi != null && vmi.getMetadata().getDeletionTimestamp() == null) {
          client.genericKubernetesResources(KubeVirtKinds.VMI).inNamespace(vm.getMetadata().getNamespace())
              .withName(vm.getMetadata().getName()).delete();
          addresses.release(vmi.getMetadata().getUid());
          nodeByUid.remove(vmi.getMetadata().getUid());
          log.accept("VMI " + key(vm) + " deleted (runStrategy Halted)");
        }
        writeVmStatus(vm, view, status);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && e.getCode() != 409) {
          throw e;
        }
      }
    }
    for (GenericKubernetesResource vmi : vmis) {
      if (vmi.getMetadata().getDeletionTimestamp() == null && !new VmView(Map.of(), map(vmi)).runningAndReady()) {
        run(vmi, status);
      }
    }
  }

  private void create(GenericKubernetesResource vm) {
    Map<String, Object> template = mapAt(vm.getAdditionalProperties(), "spec", "template");
    Map<String, Object> templateMeta = mapAt(template, "metadata");
    Map<String, String> labels = new LinkedHashMap<>();
    mapAt(templateMeta, "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
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
    vmi.setAdditionalProperty("spec", mapAt(template, "spec"));
    vmi.setAdditionalProperty("status", Map.of("phase", "Scheduling"));
    client.genericKubernetesResources(KubeVirtKinds.VMI).inNamespace(vm.getMetadata().getNamespace())
        .resource(vmi).create();
    log.accept("VMI " + key(vm) + " created (runStrategy " + new VmView(map(vm), null).runStrategy() + ")");
  }

  private void run(GenericKubernetesResource vmi, StatusWriter status) {
    String uid = vmi.getMetadata().getUid();
    Object current = mapAt(vmi.getAdditionalProperties(), "status").get("nodeName");
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

  private void writeVmStatus(GenericKubernetesResource vm, VmView view, StatusWriter status) {
    Map<String, Object> wanted = new LinkedHashMap<>();
    String printable;
    if (view.vmi() == null) {
      printable = view.wantsRunning() ? "Starting" : "Stopped";
      wanted.put("created", null);
      wanted.put("ready", null);
    } else {
      boolean ready = view.runningAndReady();
      printable = !view.wantsRunning() ? "Stopping" : ready ? "Running" : "Starting";
      wanted.put("created", true);
      wanted.put("ready", ready ? true : null);
    }
    wanted.put("printableStatus", printable);
    Map<String, Object> now = mapAt(vm.getAdditionalProperties(), "status");
    boolean same = printable.equals(now.get("printableStatus"))
        && java.util.Objects.equals(wanted.get("ready"), now.get("ready"))
        && java.util.Objects.equals(wanted.get("created"), now.get("created"));
    if (!same) {
      status.patch(KubeVirtKinds.VM, vm, Map.of("status", wanted));
    }
  }

  private Map<String, Object> map(GenericKubernetesResource r) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = client.getKubernetesSerialization().convertValue(r, Map.class);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapAt(Map<String, Object> root, String... keys) {
    Object at = root;
    for (String key : keys) {
      at = at instanceof Map<?, ?> m ? m.get(key) : null;
    }
    return at instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String key(GenericKubernetesResource r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }
}
