package dev.provision.modules.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Readiness as kubectl reports it: a Pod is ready when its Ready condition is True; a Deployment,
 * StatefulSet, ReplicaSet or DaemonSet when its current generation's replicas are all ready; anything
 * else when it has a Ready condition that is True.
 */
public final class Readiness implements ObjectCheck {

  private static final ObjectPath READY = ObjectPath.parse(".status.conditions[type=Ready].status");
  private static final ObjectPath WAITING = ObjectPath.parse(".state.waiting.reason");
  private static final ObjectPath RESTARTS = ObjectPath.parse(".restartCount");
  private static final ObjectPath LAST_EXIT = ObjectPath.parse(".lastState.terminated.exitCode");

  private final String kind;

  public Readiness(String kind) {
    this.kind = kind;
  }

  @Override
  public boolean holds(Map<String, Object> object) {
    return switch (kind) {
      case "Pod" -> "True".equals(READY.readText(object).orElse(null));
      case "Deployment", "StatefulSet", "ReplicaSet", "DaemonSet" -> workloadReady(object);
      default -> "True".equals(READY.readText(object).orElse(null));
    };
  }

  @Override
  public String state(Map<String, Object> object) {
    return switch (kind) {
      case "Pod" -> podState(object);
      case "Deployment", "StatefulSet", "ReplicaSet", "DaemonSet" -> replicas(object)[1] + "/" + replicas(object)[0]
          + " ready" + (generationSeen(object) ? "" : ", new generation not yet observed");
      default -> READY.readText(object).map(s -> "Ready=" + s).orElse("no Ready condition");
    };
  }

  @Override
  public String adjective() {
    return "ready";
  }

  /**
   * "Running", "Pending (unscheduled)", "ContainerCreating", "Running, not ready: ContainersNotReady",
   * "CrashLoopBackOff (restarts: 2, last exit code 1)".
   */
  public static String podState(Map<String, Object> pod) {
    String phase = ObjectPath.parse(".status.phase").readText(pod).orElse("Pending");
    if ("True".equals(READY.readText(pod).orElse(null))) {
      return phase + ", ready";
    }
    Optional<String> waiting = containerWaitingReason(pod);
    if (waiting.isPresent()) {
      return waiting.get();
    }
    if (ObjectPath.parse(".spec.nodeName").readText(pod).orElse("").isEmpty()) {
      return phase + " (unscheduled)";
    }
    return READY.read(pod).isPresent()
        ? phase + ", not ready" + ObjectPath.parse(".status.conditions[type=Ready].reason").readText(pod)
            .map(r -> ": " + r).orElse("")
        : phase;
  }

  private static Optional<String> containerWaitingReason(Map<String, Object> pod) {
    Optional<Object> statuses = ObjectPath.parse(".status.containerStatuses").read(pod);
    if (statuses.isEmpty() || !(statuses.get() instanceof List<?> list)) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>();
    for (Object s : list) {
      WAITING.readText(s).ifPresent(r -> reasons.add(r + restarts(s)));
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", reasons));
  }

  /** " (restarts: 2, last exit code 1)" for a container that has run before (a CrashLoopBackOff), else "". */
  private static String restarts(Object containerStatus) {
    long count = RESTARTS.readText(containerStatus).map(Long::parseLong).orElse(0L);
    Optional<String> exit = LAST_EXIT.readText(containerStatus);
    if (count == 0 && exit.isEmpty()) {
      return "";
    }
    return " (restarts: " + count + exit.map(c -> ", last exit code " + c).orElse("") + ")";
  }

  private boolean workloadReady(Map<String, Object> object) {
    long[] r = replicas(object);
    return generationSeen(object) && r[1] >= r[0] && (!"Deployment".equals(kind) || r[2] >= r[0]);
  }

  /** desired, ready, updated. */
  private long[] replicas(Map<String, Object> o) {
    if ("DaemonSet".equals(kind)) {
      return new long[] {number(o, ".status.desiredNumberScheduled", 0), number(o, ".status.numberReady", 0),
          number(o, ".status.updatedNumberScheduled", 0)};
    }
    return new long[] {number(o, ".spec.replicas", 1), number(o, ".status.readyReplicas", 0),
        number(o, ".status.updatedReplicas", 0)};
  }

  private static boolean generationSeen(Map<String, Object> o) {
    return number(o, ".status.observedGeneration", 0) >= number(o, ".metadata.generation", 0);
  }

  private static long number(Map<String, Object> o, String path, long fallback) {
    return ObjectPath.parse(path).read(o).map(v -> v instanceof Number n ? n.longValue()
        : Long.parseLong(String.valueOf(v))).orElse(fallback);
  }
}
