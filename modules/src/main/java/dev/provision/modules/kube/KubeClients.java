package dev.provision.modules.kube;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The run's Kubernetes clients: one fabric8 client (JDK HTTP client) per distinct kubeconfig content
 * and context, shared by every task and host. Obtain it with {@link #of}. The service registry has no
 * close hook, so this is {@link AutoCloseable}: whoever owns the run may close it; otherwise the
 * clients' threads are daemons and die with the JVM.
 *
 * <p>Kubeconfig credentials (tokens, client keys, passwords) are registered with
 * {@link HostContext#secret} before the client is used, and never appear in messages.
 */
public final class KubeClients implements AutoCloseable {

  /** Server-side apply and patch field manager of every write. */
  public static final String FIELD_MANAGER = "provision";

  private final Map<String, String> env;
  private final KubeconfigSource.RemoteFiles remote;
  private final Map<String, KubeconfigSource> remoteCache = new ConcurrentHashMap<>();
  private final Map<ClientKey, KubernetesClient> clients = new LinkedHashMap<>();
  private final Map<KubernetesClient, ApiDiscovery> discoveries = new ConcurrentHashMap<>();

  public KubeClients() {
    this(System.getenv(), KubeconfigSource.RemoteFiles.OVER_CONNECTION);
  }

  KubeClients(Map<String, String> env, KubeconfigSource.RemoteFiles remote) {
    this.env = Map.copyOf(env);
    this.remote = remote;
  }

  public static KubeClients of(HostContext host) {
    return host.service(KubeClients.class, KubeClients::new);
  }

  /**
   * The client for this task: kubeconfig from param/variable {@code kubeconfig}, else the environment
   * (K8S_AUTH_KUBECONFIG, K8S_AUTH_HOST, KUBECONFIG; see {@link KubeconfigSource}), else
   * {@code kubeconfig_remote} on the task's host; context from param {@code context} (alias
   * {@code kube_context}), variable {@code kube_context}, or K8S_AUTH_CONTEXT.
   */
  public KubernetesClient client(HostContext host, Params params) throws ModuleException {
    KubeconfigSource source = source(host, params);
    KubeconfigSecrets.of(source.content()).forEach(host::secret);
    String context = params != null && params.has("context") ? params.string("context") : null;
    if (context == null && host.vars().get("kube_context") != null) {
      context = String.valueOf(host.vars().get("kube_context"));
    }
    if (context == null && env.get("K8S_AUTH_CONTEXT") != null && !env.get("K8S_AUTH_CONTEXT").isBlank()
        && !source.origin().startsWith("K8S_AUTH_HOST")) {
      context = env.get("K8S_AUTH_CONTEXT").strip(); // kubernetes.core's environment, after the task's own
    }
    ClientKey key = new ClientKey(source.content(), context);
    KubernetesClient client;
    synchronized (clients) {
      client = clients.get(key);
      if (client == null) {
        client = build(source, context, host);
        clients.put(key, client);
      }
    }
    registerSecrets(client.getConfiguration(), host);
    return client;
  }

  /** API discovery for a client (cached per client; see {@link ApiDiscovery}). */
  public ApiDiscovery discovery(KubernetesClient client) {
    return discoveries.computeIfAbsent(client, ApiDiscovery::new);
  }

  private KubeconfigSource source(HostContext host, Params params) throws ModuleException {
    try {
      boolean local = (params != null && params.has("kubeconfig")) || host.vars().get("kubeconfig") != null
          || Stream.of("KUBECONFIG", "K8S_AUTH_KUBECONFIG", "K8S_AUTH_HOST")
              .anyMatch(name -> env.get(name) != null && !env.get(name).isBlank());
      if (local) {
        return KubeconfigSource.locate(host, params, env, remote);
      }
      String path = String.valueOf(host.vars().getOrDefault("kubeconfig_remote", KubeconfigSource.DEFAULT_REMOTE));
      String cacheKey = host.host() + "\u0000" + path;
      KubeconfigSource cached = remoteCache.get(cacheKey);
      if (cached == null) {
        cached = KubeconfigSource.locate(host, params, env, remote);
        remoteCache.put(cacheKey, cached);
      }
      return cached;
    } catch (ConnectionException e) {
      throw new ModuleException("cannot read the kubeconfig from " + host.host() + ": " + e.getMessage(), e);
    }
  }

  private static KubernetesClient build(KubeconfigSource source, String context, HostContext host)
      throws ModuleException {
    Config config;
    try {
      config = Config.fromKubeconfig(context, source.content(), source.path());
    } catch (RuntimeException e) {
      // the exception text may quote the file; say only where it came from
      throw new ModuleException(source.origin() + " is not a usable kubeconfig (" + e.getClass().getSimpleName() + ")", e);
    }
    registerSecrets(config, host);
    // fabric8 falls back to https://kubernetes.default.svc when the context does not resolve: a DNS
    // query that leaves the machine, to a cluster nobody meant. Refuse with the reason instead.
    String wanted = context != null ? context : writtenCurrentContext(source);
    if (wanted == null && config.getCurrentContext() == null) {
      throw new ModuleException(source.origin() + " sets no current-context; give the task a `context` (contexts: "
          + String.join(", ", contextNames(config)) + ")");
    }
    if (wanted != null && (config.getCurrentContext() == null
        || !wanted.equals(config.getCurrentContext().getName()))) {
      List<String> known = contextNames(config);
      throw new ModuleException("context `" + wanted + "` is not in " + source.origin() + "; contexts: "
          + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
    if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()
        || config.getMasterUrl().contains("kubernetes.default.svc") && !source.content().contains("kubernetes.default.svc")) {
      throw new ModuleException(source.origin() + " names no cluster server for context `"
          + config.getCurrentContext().getName() + "`");
    }
    // bounded: our own Retry handles 409/500/503; fabric8 retries connection failures a few times
    config.setRequestRetryBackoffLimit(3);
    config.setRequestRetryBackoffInterval(200);
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
  }

  /** The kubeconfig's own {@code current-context}, as written, or null. */
  private static String writtenCurrentContext(KubeconfigSource source) throws ModuleException {
    Object doc = KubeYaml.parse(source.content(), source.origin());
    if (doc instanceof Map<?, ?> map && map.get("current-context") != null
        && !String.valueOf(map.get("current-context")).isBlank()) {
      return String.valueOf(map.get("current-context"));
    }
    return null;
  }

  private static List<String> contextNames(Config config) {
    List<String> known = new ArrayList<>();
    if (config.getContexts() != null) {
      for (NamedContext c : config.getContexts()) {
        known.add(c.getName());
      }
    }
    java.util.Collections.sort(known);
    return known;
  }

  private static void registerSecrets(Config config, HostContext host) {
    for (String secret : new String[] {config.getOauthToken(), config.getAutoOAuthToken(), config.getPassword(),
        config.getClientKeyData(), config.getProxyPassword()}) {
      if (secret != null && !secret.isBlank()) {
        host.secret(secret);
      }
    }
  }

  /** Closes every client; safe to call twice. */
  @Override
  public void close() {
    synchronized (clients) {
      clients.values().forEach(KubernetesClient::close);
      clients.clear();
    }
    discoveries.clear();
  }

  /** Identity of a cluster connection; the content is compared, never printed. */
  private record ClientKey(String content, String context) {
    @Override
    public String toString() {
      return "ClientKey[context=" + context + "]";
    }
  }
}
