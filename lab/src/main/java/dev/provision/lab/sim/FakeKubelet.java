package dev.provision.lab.sim;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The scheduler's and kubelet's part for pods, with nothing started: an unscheduled pod is bound to a node (the
 * one a DaemonSet pod's node affinity names, or the next in turn); a bound pod is written Running and Ready with a
 * fake pod IP; a pod being deleted is removed at once, as a kubelet confirms a deletion. Pods on, or asking for, a
 * node it does not play (the real node of {@code lab up --node}) are left to the real scheduler and kubelet.
 */
final class FakeKubelet {

  private final KubernetesClient client;
  private final SimulationOptions options;
  private final AddressPool addresses;
  private final Consumer<String> log;
  private int turn;

  FakeKubelet(KubernetesClient client, SimulationOptions options, AddressPool addresses, Consumer<String> log) {
    this.client = client;
    this.options = options;
    this.addresses = addresses;
    this.log = log;
  }

  void reconcile(List<Pod> pods) {
    for (Pod pod : pods) {
      String ns = pod.getMetadata().getNamespace();
      String name = pod.getMetadata().getName();
      String bound = pod.getSpec().getNodeName();
      if (!isBlank(bound) && !options.nodes().contains(bound)) {
        continue; // a real kubelet's pod (lab up --node): its kubelet runs, reports and deletes it
      }
      try {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
          client.pods().inNamespace(ns).withName(name).withGracePeriod(0).delete();
          addresses.release(pod.getMetadata().getUid());
        } else if (isBlank(pod.getSpec().getNodeName())) {
          String node = chooseNode(pod);
          if (!options.nodes().contains(node)) {
            continue; // it asks for a node this simulation does not play: the real scheduler binds it
          }
          client.bindings().inNamespace(ns).resource(new BindingBuilder().withNewMetadata().withName(name)
              .withNamespace(ns).endMetadata().withNewTarget().withKind("Node").withApiVersion("v1").withName(node)
              .endTarget().build()).create();
        } else if (!runningAndReady(pod)) {
          markRunning(pod);
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && e.getCode() != 409) {
          throw e; // gone or already bound: the next event brings the news
        }
      }
    }
  }

  private void markRunning(Pod pod) {
    String node = pod.getSpec().getNodeName();
    String ip = Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) ? addresses.nodeIp(node)
        : addresses.podIp(pod.getMetadata().getUid(), node);
    String now = Writes.now();
    boolean job = pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> "Job".equals(o.getKind()));
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", job ? "Succeeded" : "Running");
    status.put("conditions", List.of(
        Writes.condition("Initialized", "True", "", now), Writes.condition("Ready", job ? "False" : "True", "", now),
        Writes.condition("ContainersReady", job ? "False" : "True", "", now),
        Writes.condition("PodScheduled", "True", "", now)));
    status.put("hostIP", addresses.nodeIp(node));
    status.put("podIP", ip);
    status.put("podIPs", List.of(Map.of("ip", ip)));
    status.put("startTime", now);
    status.put("message", Writes.NOTE);
    status.put("containerStatuses", containers(pod.getSpec().getContainers(), now, job));
    if (!pod.getSpec().getInitContainers().isEmpty()) {
      status.put("initContainerStatuses", containers(pod.getSpec().getInitContainers(), now, true));
    }
    client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
        .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), Writes.json(client, Map.of("status", status)));
    log.accept("pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " "
        + status.get("phase") + " on " + node + " (" + ip + ")");
  }

  private static List<Map<String, Object>> containers(List<Container> containers, String now, boolean done) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Container c : containers) {
      Map<String, Object> state = done
          ? Map.of("terminated", Map.of("exitCode", 0, "reason", "Completed", "startedAt", now, "finishedAt", now))
          : Map.of("running", Map.of("startedAt", now));
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", c.getName());
      s.put("image", c.getImage());
      s.put("imageID", "simulated://" + c.getImage());
      s.put("containerID", "simulated://" + c.getName());
      s.put("ready", !done);
      s.put("started", !done);
      s.put("restartCount", 0);
      s.put("state", state);
      out.add(s);
    }
    return out;
  }

  static boolean runningAndReady(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || pod.getStatus().getConditions() == null
        || pod.getStatus().getContainerStatuses() == null) {
      return false;
    }
    String phase = pod.getStatus().getPhase();
    if ("Succeeded".equals(phase)) {
      return true;
    }
    Optional<PodCondition> ready = pod.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType())).findFirst();
    return "Running".equals(phase) && ready.isPresent() && "True".equals(ready.get().getStatus())
        && pod.getStatus().getContainerStatuses().size() == pod.getSpec().getContainers().size();
  }

  /** A DaemonSet pod names its node in a required node affinity (metadata.name In [node]); others take turns. */
  private String chooseNode(Pod pod) {
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null && selector.containsKey("kubernetes.io/hostname")) {
      return selector.get("kubernetes.io/hostname");
    }
    Optional<String> pinned = Optional.ofNullable(pod.getSpec().getAffinity())
        .map(a -> a.getNodeAffinity()).map(a -> a.getRequiredDuringSchedulingIgnoredDuringExecution())
        .flatMap(required -> required.getNodeSelectorTerms().stream()
            .flatMap(FakeKubelet::fieldRequirements)
            .filter(r -> "metadata.name".equals(r.getKey()) && "In".equals(r.getOperator()) && !r.getValues().isEmpty())
            .map(r -> r.getValues().get(0)).findFirst());
    if (pinned.isPresent()) {
      return pinned.get();
    }
    return options.nodes().get(turn++ % options.nodes().size());
  }

  private static java.util.stream.Stream<NodeSelectorRequirement> fieldRequirements(NodeSelectorTerm term) {
    return term.getMatchFields() == null ? java.util.stream.Stream.empty() : term.getMatchFields().stream();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
