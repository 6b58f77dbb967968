package dev.provision.modules.kube;

import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.Params;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How kube_wait and kube_vm reach the cluster. Stand-in until branch kubeapply's KubeClients is merged (then this
 * delegates to it): the kubeconfig comes from parameter or variable {@code kubeconfig}, else KUBECONFIG, else
 * ~/.kube/config on the control node; one client per kubeconfig and context for the whole run.
 */
final class KubeAccess {

  static final List<Param> PARAMS = List.of(
      Param.string("kubeconfig").describedAs("path of the kubeconfig on the control node; default: var kubeconfig,"
          + " KUBECONFIG, ~/.kube/config"),
      Param.string("context").describedAs("kubeconfig context; default: its current context"));

  private KubeAccess() {}

  static KubernetesClient client(HostContext host, Params params) throws ModuleException {
    String path = params.optString("kubeconfig")
        .or(() -> java.util.Optional.ofNullable(host.vars().get("kubeconfig")).map(String::valueOf))
        .or(() -> java.util.Optional.ofNullable(System.getenv("KUBECONFIG")))
        .orElse(Path.of(System.getProperty("user.home"), ".kube", "config").toString());
    String context = params.optString("context")
        .or(() -> java.util.Optional.ofNullable(host.vars().get("kube_context")).map(String::valueOf)).orElse(null);
    Clients clients = host.service(Clients.class, Clients::new);
    return clients.get(path, context);
  }

  /** The run's clients, by kubeconfig path and context. */
  static final class Clients {
    private final Map<String, KubernetesClient> byKey = new ConcurrentHashMap<>();

    KubernetesClient get(String path, String context) throws ModuleException {
      String key = path + "#" + context;
      KubernetesClient client = byKey.get(key);
      if (client != null) {
        return client;
      }
      String text;
      try {
        text = Files.readString(Path.of(path));
      } catch (IOException e) {
        throw new ModuleException("cannot read kubeconfig " + path + ": " + e.getMessage()
            + "; set `kubeconfig:` or the KUBECONFIG environment variable");
      }
      Config config = context == null ? Config.fromKubeconfig(text) : Config.fromKubeconfig(context, text, path);
      return byKey.computeIfAbsent(key, k -> new KubernetesClientBuilder().withConfig(config).build());
    }
  }
}
