package dev.provision.modules.kube;

import java.util.Map;

/** Any object counts: a wait for {@code exists}, and kubernetes.core's wait for kinds it has no readiness rule for. */
public enum ObjectExists implements ObjectCheck {
  INSTANCE;

  @Override
  public boolean holds(Map<String, Object> object) {
    return true;
  }

  @Override
  public String state(Map<String, Object> object) {
    return "exists";
  }

  @Override
  public String adjective() {
    return "present";
  }
}
