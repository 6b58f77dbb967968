package dev.provision.modules.kube;

/**
 * Which objects a wait looks at: a kind (with optional API version), and a name or a label selector, in one
 * namespace (null for a cluster-scoped kind).
 */
public record Selection(String kind, String apiVersion, String namespace, String name, String selector) {

  /** "pods with app=virt-operator in kubevirt", "KubeVirt kubevirt/kubevirt", "pods in kubevirt". */
  public String describe(boolean namespaced) {
    String where = namespaced && namespace != null ? namespace + "/" : "";
    if (name != null) {
      return kind + " " + where + name;
    }
    String plural = kind.toLowerCase(java.util.Locale.ROOT) + (kind.endsWith("s") ? "es" : "s");
    String in = namespaced && namespace != null ? " in " + namespace : "";
    return selector == null || selector.isBlank() ? plural + in : plural + " with " + selector + in;
  }
}
