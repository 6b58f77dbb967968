package dev.provision.lab.sim;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Small helpers for what the controllers write: JSON from maps, API timestamps, the simulation's marks. */
final class Writes {

  static final String MANAGER = "provision-simulated";
  static final String SIMULATED_LABEL = "lab.provision.dev/simulated";
  static final String NOTE = "simulated by the Provision lab: nothing really runs";

  private Writes() {}

  static String json(KubernetesClient client, Object value) {
    return client.getKubernetesSerialization().asJson(value);
  }

  /** RFC 3339 in seconds, as metav1.Time. */
  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** RFC 3339 in microseconds, as metav1.MicroTime (Lease renewTime). */
  static String nowMicros() {
    Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String s = t.toString();
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s.substring(0, s.length() - 1) : s.substring(0, dot);
    String fraction = dot < 0 ? "" : s.substring(dot + 1, s.length() - 1);
    return whole + "." + (fraction + "000000").substring(0, 6) + "Z";
  }

  static Map<String, Object> condition(String type, String status, String reason, String now) {
    return Map.of("type", type, "status", status, "reason", reason, "lastTransitionTime", now,
        "lastProbeTime", now);
  }
}
