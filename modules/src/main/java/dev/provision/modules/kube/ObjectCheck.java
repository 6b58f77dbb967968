package dev.provision.modules.kube;

import java.util.Map;

/** Whether one object is as wanted, and a few words on how it is now ("Pending", "phase Deploying"). */
public interface ObjectCheck {

  boolean holds(Map<String, Object> object);

  String state(Map<String, Object> object);

  /** Words for the progress line: "ready", "Deployed", "Available=True". */
  String adjective();
}
