package dev.provision.modules.kube;

import dev.provision.connection.Durations;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Map;

/** Sets a VM's run strategy by merge patch (when it differs), then optionally waits for its instance. */
final class VmStateAction implements Action {

  private final VmReader reader;
  private final boolean running;
  private final boolean patch;
  private final boolean legacy;
  private final Duration wait;
  private volatile String finalLine; // one plan's action runs once, on one host

  /** {@code wait} null: do not wait. */
  VmStateAction(VmReader reader, boolean running, boolean patch, boolean legacy, Duration wait) {
    this.reader = reader;
    this.running = running;
    this.patch = patch;
    this.legacy = legacy;
    this.wait = wait;
  }

  @Override
  public String describe() {
    String what = patch ? "set " + VmView.specLineFor(running) + " on " + reader.vmName()
        + (legacy ? " (in place of the deprecated spec.running)" : "") : "";
    if (wait == null) {
      return what;
    }
    String then = "wait up to " + Durations.format(wait) + " for " + reader.waitGoal(running).describe();
    return what.isEmpty() ? then : what + ", then " + then;
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException {
    VmView before = reader.read().orElseThrow(() -> reader.notFound());
    if (!before.specMatches(running)) {
      try {
        reader.vm().patch(PatchContext.of(PatchType.JSON_MERGE), before.patchFor(running));
      } catch (KubernetesClientException e) {
        throw KubeErrors.failure("patch " + reader.vmName(), reader.client(), e);
      }
    }
    if (wait != null) {
      reader.waiter().await(reader.vmiSelection(), reader.waitGoal(running), wait, host::progress);
    }
    VmView after = reader.read().orElseThrow(() -> reader.notFound());
    host.progress(after.line());
    finalLine = after.line();
    return after.result();
  }

  /** What the VM is now, after the change and the wait. */
  @Override
  public String appliedMessage(Map<String, Object> applied) {
    return finalLine;
  }
}
