package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kind names for kube_info's {@code kinds}: kubectl's short and plural names for common kinds
 * ({@code pods}, {@code deploy}...), or {@code apiVersion/Kind} ({@code kubevirt.io/v1/VirtualMachine}).
 * Without {@code kinds}: {@code api_version}+{@code kind} if given, else kubectl's "all".
 */
final class KindNames {

  static final List<String> ALL = List.of("pods", "services", "daemonsets", "deployments", "replicasets");

  private static final Map<String, String[]> KNOWN = Map.ofEntries(
      Map.entry("pods", new String[] {"v1", "Pod"}), Map.entry("po", new String[] {"v1", "Pod"}),
      Map.entry("services", new String[] {"v1", "Service"}), Map.entry("svc", new String[] {"v1", "Service"}),
      Map.entry("configmaps", new String[] {"v1", "ConfigMap"}), Map.entry("cm", new String[] {"v1", "ConfigMap"}),
      Map.entry("secrets", new String[] {"v1", "Secret"}),
      Map.entry("serviceaccounts", new String[] {"v1", "ServiceAccount"}), Map.entry("sa", new String[] {"v1", "ServiceAccount"}),
      Map.entry("namespaces", new String[] {"v1", "Namespace"}), Map.entry("ns", new String[] {"v1", "Namespace"}),
      Map.entry("nodes", new String[] {"v1", "Node"}), Map.entry("no", new String[] {"v1", "Node"}),
      Map.entry("deployments", new String[] {"apps/v1", "Deployment"}), Map.entry("deploy", new String[] {"apps/v1", "Deployment"}),
      Map.entry("daemonsets", new String[] {"apps/v1", "DaemonSet"}), Map.entry("ds", new String[] {"apps/v1", "DaemonSet"}),
      Map.entry("replicasets", new String[] {"apps/v1", "ReplicaSet"}), Map.entry("rs", new String[] {"apps/v1", "ReplicaSet"}),
      Map.entry("statefulsets", new String[] {"apps/v1", "StatefulSet"}), Map.entry("sts", new String[] {"apps/v1", "StatefulSet"}),
      Map.entry("jobs", new String[] {"batch/v1", "Job"}),
      Map.entry("virtualmachines", new String[] {"kubevirt.io/v1", "VirtualMachine"}), Map.entry("vm", new String[] {"kubevirt.io/v1", "VirtualMachine"}),
      Map.entry("virtualmachineinstances", new String[] {"kubevirt.io/v1", "VirtualMachineInstance"}),
      Map.entry("vmi", new String[] {"kubevirt.io/v1", "VirtualMachineInstance"}),
      Map.entry("kubevirts", new String[] {"kubevirt.io/v1", "KubeVirt"}), Map.entry("kv", new String[] {"kubevirt.io/v1", "KubeVirt"}));

  private KindNames() {}

  static List<ResourceRef> resolve(Params params) throws ModuleException {
    String namespace = params.optString("namespace").orElse(null);
    List<String> names = params.strings("kinds");
    if (names.isEmpty() && params.has("kind")) {
      if (!params.has("api_version")) {
        return List.of(of(params.string("kind"), namespace));
      }
      return List.of(new ResourceRef(params.string("api_version"), params.string("kind"), null, namespace));
    }
    List<ResourceRef> out = new ArrayList<>();
    for (String name : names.isEmpty() ? ALL : names) {
      out.add(of(name, namespace));
    }
    return out;
  }

  static ResourceRef of(String name, String namespace) throws ModuleException {
    String[] known = KNOWN.get(name.toLowerCase(Locale.ROOT));
    if (known == null) {
      known = KNOWN.get(name.toLowerCase(Locale.ROOT) + "s");
    }
    if (known != null) {
      return new ResourceRef(known[0], known[1], null, namespace);
    }
    int slash = name.lastIndexOf('/');
    if (slash > 0) {
      return new ResourceRef(name.substring(0, slash), name.substring(slash + 1), null, namespace);
    }
    throw new ModuleException("unknown kind `" + name + "`: use a name like pods, deployments, vmi, or apiVersion/Kind"
        + " such as kubevirt.io/v1/VirtualMachine");
  }
}
