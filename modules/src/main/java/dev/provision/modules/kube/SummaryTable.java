package dev.provision.modules.kube;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@code kubectl get}-like table: NAME (kind/name), READY, STATUS, AGE. */
final class SummaryTable {

  private SummaryTable() {}

  static String render(List<Map<String, Object>> objects, Instant now) {
    if (objects.isEmpty()) {
      return "No resources found.";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "READY", "STATUS", "AGE"});
    for (Map<String, Object> o : objects) {
      rows.add(new String[] {String.valueOf(o.get("kind")).toLowerCase(Locale.ROOT) + "/" + read(o, ".metadata.name"),
          ready(o), status(o), age(read(o, ".metadata.creationTimestamp"), now)});
    }
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < 4; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < 4; i++) {
        out.append(i < 3 ? String.format("%-" + (widths[i] + 3) + "s", row[i]) : row[i]);
      }
      out.append('\n');
    }
    return out.toString().stripTrailing();
  }

  /** One object in words: {@code KubeVirt kubevirt/kubevirt: Deployed, Available=True}. */
  static String describe(Map<String, Object> o) {
    Object ns = read(o, ".metadata.namespace");
    String name = (ns == null ? "" : ns + "/") + read(o, ".metadata.name");
    String status = status(o);
    String ready = ready(o);
    List<String> parts = new ArrayList<>();
    if (!"-".equals(status)) {
      parts.add(status);
    }
    if (!"-".equals(ready)) {
      parts.add("ready " + ready);
    }
    return o.get("kind") + " " + name + (parts.isEmpty() ? " exists" : ": " + String.join(", ", parts));
  }

  /** A list in words: {@code 3 found: 2 Pod, 1 Service}. */
  static String count(List<Map<String, Object>> objects) {
    if (objects.isEmpty()) {
      return "No resources found.";
    }
    Map<String, Integer> kinds = new java.util.LinkedHashMap<>();
    objects.forEach(o -> kinds.merge(String.valueOf(o.get("kind")), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    kinds.forEach((k, n) -> parts.add(n + " " + k));
    return objects.size() + " found: " + String.join(", ", parts);
  }

  static String ready(Map<String, Object> o) {
    String kind = String.valueOf(o.get("kind"));
    return switch (kind) {
      case "Pod" -> {
        Object statuses = read(o, ".status.containerStatuses");
        Object containers = read(o, ".spec.containers");
        long ready = statuses instanceof List<?> l ? l.stream().filter(s -> s instanceof Map<?, ?> m
            && Boolean.TRUE.equals(m.get("ready"))).count() : 0;
        yield ready + "/" + (containers instanceof List<?> c ? c.size() : 0);
      }
      case "Deployment", "ReplicaSet", "StatefulSet" -> number(read(o, ".status.readyReplicas")) + "/"
          + number(read(o, ".spec.replicas"));
      case "DaemonSet" -> number(read(o, ".status.numberReady")) + "/" + number(read(o, ".status.desiredNumberScheduled"));
      default -> condition(o, "Ready");
    };
  }

  static String status(Map<String, Object> o) {
    Object phase = read(o, ".status.phase");
    if (phase != null) {
      return String.valueOf(phase);
    }
    if ("Service".equals(o.get("kind"))) {
      return String.valueOf(read(o, ".spec.type"));
    }
    String available = condition(o, "Available");
    return "-".equals(available) ? "-" : "Available=" + available;
  }

  private static String condition(Map<String, Object> o, String type) {
    if (read(o, ".status.conditions") instanceof List<?> conditions) {
      for (Object c : conditions) {
        if (c instanceof Map<?, ?> m && type.equals(m.get("type"))) {
          return String.valueOf(m.get("status"));
        }
      }
    }
    return "-";
  }

  static String age(Object timestamp, Instant now) {
    if (timestamp == null) {
      return "-";
    }
    try {
      Duration d = Duration.between(Instant.parse(String.valueOf(timestamp)), now);
      long s = Math.max(0, d.toSeconds());
      return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d";
    } catch (DateTimeParseException e) {
      return "-";
    }
  }

  private static String number(Object v) {
    return v == null ? "0" : String.valueOf(v);
  }

  private static Object read(Map<String, Object> o, String path) {
    return ObjectPath.parse(path).read(o).orElse(null);
  }
}
