package dev.provision.modules.kube;

import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import io.fabric8.kubernetes.client.KubernetesClient;

/** How kube_wait and kube_vm reach the cluster: the run's shared client from {@link KubeClients}. */
final class KubeAccess {

  private KubeAccess() {}

  static KubernetesClient client(HostContext host, Params params) throws ModuleException {
    return KubeClients.of(host).client(host, params);
  }
}
