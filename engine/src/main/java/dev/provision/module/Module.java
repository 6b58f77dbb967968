package dev.provision.module;

import dev.provision.connection.ConnectionException;
import java.util.List;

/**
 * A module brings one kind of thing to a desired state. It declares its parameters, and
 * {@link #plan} reads the current state (facts, files, APIs) and returns only the actions needed.
 * No action means the host complies, and the plan says why. The walker calls {@code plan} in both
 * modes; only in apply mode does it run the actions. So {@code changed} and the diff are computed
 * by the same code whether or not anything is changed.
 *
 * <p>Modules are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.provision.module.Module}.
 */
public interface Module {

  /** The key used in playbooks, e.g. {@code command}, {@code kube_apply}. */
  String name();

  /**
   * Other keys a playbook may use for this module, such as Ansible's collection names
   * ({@code kubernetes.core.k8s}'s {@code k8s} and {@code community.kubernetes.k8s}). The module
   * declares them, so the engine names no module; none by default.
   */
  default List<String> aliases() {
    return List.of();
  }

  /** Declared parameters, checked before any host is touched. */
  ParamSchema schema();

  /** Must not change anything on the host or cluster. Reads are fine. */
  Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException;
}
