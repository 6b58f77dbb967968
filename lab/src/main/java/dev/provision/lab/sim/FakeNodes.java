package dev.provision.lab.sim;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The kubelet's node part: a Node per configured name, Ready, with fake addresses and capacity, and heartbeats
 * (status and Lease) often enough that the node lifecycle controller never marks it NotReady and evicts its pods.
 */
final class FakeNodes {

  private final KubernetesClient client;
  private final SimulationOptions options;
  private final AddressPool addresses;
  private final Consumer<String> log;

  FakeNodes(KubernetesClient client, SimulationOptions options, AddressPool addresses, Consumer<String> log) {
    this.client = client;
    this.options = options;
    this.addresses = addresses;
    this.log = log;
  }

  void reconcile(SharedIndexInformer<Node> nodes) {
    for (String name : options.nodes()) {
      Node node = nodes.getStore().getByKey(name);
      if (node == null) {
        node = client.nodes().resource(node(name)).fieldManager(Writes.MANAGER).forceConflicts().serverSideApply();
        log.accept("node " + name + " registered (" + addresses.nodeIp(name) + ")");
      }
      if (needsHeartbeat(node)) {
        heartbeat(name);
      }
    }
  }

  private boolean needsHeartbeat(Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return true;
    }
    NodeCondition ready = node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
        .findFirst().orElse(null);
    if (ready == null || !"True".equals(ready.getStatus()) || ready.getLastHeartbeatTime() == null) {
      return true;
    }
    Instant beat = ZonedDateTime.parse(ready.getLastHeartbeatTime()).toInstant();
    return beat.plus(options.heartbeat()).isBefore(Instant.now().plus(Duration.ofMillis(500)));
  }

  private void heartbeat(String name) {
    String now = Writes.now();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("conditions", List.of(
        nodeCondition("Ready", "True", "KubeletReady", Writes.NOTE, now),
        nodeCondition("MemoryPressure", "False", "KubeletHasSufficientMemory", "", now),
        nodeCondition("DiskPressure", "False", "KubeletHasNoDiskPressure", "", now),
        nodeCondition("PIDPressure", "False", "KubeletHasSufficientPID", "", now)));
    status.put("addresses", List.of(Map.of("type", "InternalIP", "address", addresses.nodeIp(name)),
        Map.of("type", "Hostname", "address", name)));
    Map<String, Object> capacity = Map.of("cpu", "4", "memory", "8Gi", "pods", "110", "ephemeral-storage", "40Gi",
        "devices.kubevirt.io/kvm", "1k", "devices.kubevirt.io/tun", "1k", "devices.kubevirt.io/vhost-net", "1k");
    status.put("capacity", capacity);
    status.put("allocatable", capacity);
    status.put("nodeInfo", Map.of("machineID", "simulated", "systemUUID", "simulated", "bootID", "simulated",
        "kernelVersion", "simulated", "osImage", "simulated by the Provision lab",
        "containerRuntimeVersion", "simulated://0", "kubeletVersion", "v1.20.2", "kubeProxyVersion", "v1.20.2",
        "operatingSystem", "linux", "architecture", "amd64"));
    client.nodes().withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), Writes.json(client, Map.of("status", status)));
    client.leases().inNamespace("kube-node-lease").resource(new LeaseBuilder().withNewMetadata().withName(name)
        .withNamespace("kube-node-lease").endMetadata().withNewSpec().withHolderIdentity(name)
        .withLeaseDurationSeconds(40).withRenewTime(java.time.ZonedDateTime.now()).endSpec().build())
        .fieldManager(Writes.MANAGER).forceConflicts().serverSideApply();
  }

  private static Map<String, Object> nodeCondition(String type, String status, String reason, String message,
      String now) {
    return Map.of("type", type, "status", status, "reason", reason, "message", message,
        "lastHeartbeatTime", now, "lastTransitionTime", now);
  }

  private Node node(String name) {
    boolean controlPlane = name.equals(options.nodes().get(0)) && options.nodes().size() > 1;
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name)
        .addToLabels("kubernetes.io/hostname", name).addToLabels("kubernetes.io/os", "linux")
        .addToLabels("kubernetes.io/arch", "amd64").addToLabels("beta.kubernetes.io/os", "linux")
        .addToLabels("beta.kubernetes.io/arch", "amd64").addToLabels(Writes.SIMULATED_LABEL, "true")
        .addToAnnotations(Writes.SIMULATED_LABEL, Writes.NOTE).endMetadata();
    if (controlPlane) {
      b.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "")
          .addToLabels("node-role.kubernetes.io/master", "").endMetadata();
    }
    return b.build();
  }
}
