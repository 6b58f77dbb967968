package dev.provision.modules.kube;

import java.util.Map;

/** A VirtualMachineInstance in phase Running whose Ready condition is True. */
public enum VmiRunning implements ObjectCheck {
  INSTANCE;

  @Override
  public boolean holds(Map<String, Object> vmi) {
    return new VmView(Map.of(), vmi).runningAndReady();
  }

  @Override
  public String state(Map<String, Object> vmi) {
    VmView view = new VmView(Map.of(), vmi);
    return "phase " + view.phase() + (view.ready() ? ", ready" : ", not ready");
  }

  @Override
  public String adjective() {
    return "Running and Ready";
  }
}
