package dev.provision.modules.kube;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A VirtualMachine and its VirtualMachineInstance (null when none), read as KubeVirt v1 writes them: the run
 * strategy from {@code spec.runStrategy}, or from the deprecated {@code spec.running} boolean; the instance's phase,
 * Ready condition, first interface address and node.
 */
public record VmView(Map<String, Object> vm, Map<String, Object> vmi) {

  private static final ObjectPath RUN_STRATEGY = ObjectPath.parse(".spec.runStrategy");
  private static final ObjectPath RUNNING = ObjectPath.parse(".spec.running");
  private static final ObjectPath PHASE = ObjectPath.parse(".status.phase");
  private static final ObjectPath READY = ObjectPath.parse(".status.conditions[type=Ready].status");
  private static final ObjectPath IP = ObjectPath.parse(".status.interfaces[0].ipAddress");
  private static final ObjectPath NODE = ObjectPath.parse(".status.nodeName");

  /** Whether the VM says how to run with the legacy {@code spec.running} (and no runStrategy). */
  public boolean legacyRunning() {
    return RUN_STRATEGY.read(vm).isEmpty() && RUNNING.read(vm).isPresent();
  }

  /** Always, Halted, Manual, RerunOnFailure, ...; from spec.running when that is used; Halted when neither. */
  public String runStrategy() {
    if (legacyRunning()) {
      return "true".equals(RUNNING.readText(vm).orElse("false")) ? "Always" : "Halted";
    }
    return RUN_STRATEGY.readText(vm).orElse("Halted");
  }

  /** The spec asks for a running VM ("RerunOnFailure" also keeps it running). */
  public boolean wantsRunning() {
    String s = runStrategy();
    return s.equals("Always") || s.equals("RerunOnFailure");
  }

  public boolean specMatches(boolean running) {
    return running ? wantsRunning() : runStrategy().equals("Halted");
  }

  public String phase() {
    return vmi == null ? "Stopped" : PHASE.readText(vmi).orElse("Pending");
  }

  public boolean ready() {
    return vmi != null && "True".equals(READY.readText(vmi).orElse(null));
  }

  public boolean runningAndReady() {
    return "Running".equals(phase()) && ready();
  }

  /** The state wanted is reached: running and ready, or no instance left. */
  public boolean reached(boolean running) {
    return running ? runningAndReady() : vmi == null;
  }

  /** What a play registers: name, namespace, phase, ip, node, ready, run_strategy. */
  public Map<String, Object> result() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", ObjectPath.parse(".metadata.name").readText(vm).orElse(""));
    out.put("namespace", ObjectPath.parse(".metadata.namespace").readText(vm).orElse(""));
    out.put("phase", phase());
    out.put("ip", vmi == null ? "" : IP.readText(vmi).orElse(""));
    out.put("node", vmi == null ? "" : NODE.readText(vmi).orElse(""));
    out.put("ready", ready());
    out.put("run_strategy", runStrategy());
    return out;
  }

  /** "testvm Running, ready, 10.244.0.12 on worker01" or "testvm Stopped". */
  public String line() {
    Map<String, Object> r = result();
    StringBuilder s = new StringBuilder().append(r.get("name")).append(' ').append(r.get("phase"));
    if (vmi != null) {
      s.append(ready() ? ", ready" : ", not ready");
      if (!String.valueOf(r.get("ip")).isEmpty()) {
        s.append(", ").append(r.get("ip"));
      }
      if (!String.valueOf(r.get("node")).isEmpty()) {
        s.append(" on ").append(r.get("node"));
      }
    }
    return s.toString();
  }

  /**
   * The merge patch that asks for the state: always {@code spec.runStrategy}; a VM that still uses the
   * deprecated {@code spec.running} loses it in the same patch (KubeVirt refuses both together).
   */
  public String patchFor(boolean running) {
    String strategy = "\"runStrategy\":\"" + (running ? "Always" : "Halted") + "\"";
    return legacyRunning() ? "{\"spec\":{\"running\":null," + strategy + "}}" : "{\"spec\":{" + strategy + "}}";
  }

  /** The field and its value now, for the plan's diff: "spec.runStrategy: Halted", or the legacy "spec.running: false". */
  public String specLine() {
    return legacyRunning() ? "spec.running: " + RUNNING.readText(vm).orElse("false")
        : "spec.runStrategy: " + RUN_STRATEGY.readText(vm).orElse("(unset)");
  }

  /** What the patch writes: "spec.runStrategy: Always". */
  public static String specLineFor(boolean running) {
    return "spec.runStrategy: " + (running ? "Always" : "Halted");
  }
}
