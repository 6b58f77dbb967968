package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Map;
import java.util.Optional;

/** Reads one VirtualMachine and its instance (same name) through the generic client. */
final class VmReader {

  static final KindRef VM = Kinds.known("VirtualMachine", null).orElseThrow();
  static final KindRef VMI = Kinds.known("VirtualMachineInstance", null).orElseThrow();

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  VmReader(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }
  KubernetesClient client() {
    return client;
  }


  String vmName() {
    return "VirtualMachine " + namespace + "/" + name;
  }

  Resource<GenericKubernetesResource> vm() {
    return client.genericKubernetesResources(VM.context()).inNamespace(namespace).withName(name);
  }

  /** Empty when the VM (or its kind) does not exist. */
  Optional<VmView> read() {
    if (!new Kinds(client).served(VM)) {
      return Optional.empty();
    }
    GenericKubernetesResource vm = vm().get();
    if (vm == null) {
      return Optional.empty();
    }
    GenericKubernetesResource vmi = new Kinds(client).served(VMI)
        ? client.genericKubernetesResources(VMI.context()).inNamespace(namespace).withName(name).get() : null;
    return Optional.of(new VmView(map(vm), vmi == null ? null : map(vmi)));
  }

  Selection vmiSelection() {
    return new Selection(VMI.kind(), VMI.apiVersion(), namespace, name, null);
  }

  WaitGoal waitGoal(boolean running) {
    String what = vmiSelection().describe(true);
    return running ? new WaitGoal(VMI.kind(), what, VmiRunning.INSTANCE, 1, false, true)
        : new WaitGoal(VMI.kind(), what, VmiRunning.INSTANCE, 1, true, true);
  }

  ResourceWaiter waiter() {
    return new ResourceWaiter(client);
  }

  ModuleException notFound() {
    return new ModuleException(vmName() + " not found; create it first (e.g. kube_apply of its manifest)");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(GenericKubernetesResource r) {
    return client.getKubernetesSerialization().convertValue(r, Map.class);
  }
}
