package dev.provision.modules.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The credentials in a kubeconfig's {@code users}: tokens, client keys, passwords and auth-provider
 * tokens, so they can be registered as secrets before anything could print them.
 */
final class KubeconfigSecrets {

  private static final Set<String> SECRET_KEYS = Set.of("token", "client-key-data", "password", "id-token",
      "refresh-token", "access-token", "client-secret");

  private KubeconfigSecrets() {}

  static List<String> of(String kubeconfig) {
    List<String> out = new ArrayList<>();
    try {
      collect(KubeYaml.parse(kubeconfig, "kubeconfig") instanceof Map<?, ?> m ? m.get("users") : null, out);
    } catch (dev.provision.module.ModuleException e) {
      // not YAML: fabric8 reports that without quoting it, and there is nothing to find here
    }
    return out;
  }

  private static void collect(Object node, List<String> out) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (SECRET_KEYS.contains(String.valueOf(k)) && v instanceof String s && !s.isBlank()) {
          out.add(s);
        } else {
          collect(v, out);
        }
      });
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collect(v, out));
    }
  }
}
