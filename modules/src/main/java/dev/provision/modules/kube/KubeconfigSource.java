package dev.provision.modules.kube;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a task's kubeconfig comes from, in the order of issue 3: (1) a control-node path from the
 * param or variable {@code kubeconfig}; (2) the control node's environment, as kubernetes.core reads it:
 * {@code K8S_AUTH_KUBECONFIG}, else {@code K8S_AUTH_HOST} with {@code K8S_AUTH_API_KEY}, else
 * {@code KUBECONFIG}; (3) the file named
 * by {@code kubeconfig_remote} (default {@code /etc/kubernetes/admin.conf}) read over the task host's
 * own connection. {@code origin} names the source for messages; {@code path} resolves relative file
 * references inside the kubeconfig (null for a remote file).
 */
record KubeconfigSource(String origin, String content, String path) {

  static final String DEFAULT_REMOTE = "/etc/kubernetes/admin.conf";

  /** The env lookup is injectable so that tests do not depend on the JVM's environment. */
  static KubeconfigSource locate(HostContext host, Params params, Map<String, String> env, RemoteFiles remote)
      throws ModuleException, ConnectionException {
    String local = params == null ? null : params.optString("kubeconfig").orElse(null);
    if (local == null && host.vars().get("kubeconfig") != null) {
      local = String.valueOf(host.vars().get("kubeconfig"));
    }
    if (local != null && !local.isBlank()) {
      return readLocal(resolve(local, host.vars()), "kubeconfig " + local);
    }
    String ansibleEnv = env.get("K8S_AUTH_KUBECONFIG");
    if (ansibleEnv != null && !ansibleEnv.isBlank()) {
      return readLocal(resolve(ansibleEnv, host.vars()), "K8S_AUTH_KUBECONFIG " + ansibleEnv);
    }
    String server = env.get("K8S_AUTH_HOST");
    if (server != null && !server.isBlank()) {
      return fromHost(server, env);
    }
    String fromEnv = env.get("KUBECONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      // kubectl merges a list; one file is what we support, the first one
      String first = fromEnv.split(java.io.File.pathSeparator)[0];
      return readLocal(Path.of(first), "KUBECONFIG " + first);
    }
    Object named = host.vars().get("kubeconfig_remote");
    String remotePath = named == null ? DEFAULT_REMOTE : String.valueOf(named);
    String text = remote.read(host, remotePath);
    return new KubeconfigSource(host.host() + ":" + remotePath, text, null);
  }

  /**
   * kubernetes.core's K8S_AUTH_HOST with K8S_AUTH_API_KEY (a bearer token), K8S_AUTH_VERIFY_SSL and
   * K8S_AUTH_SSL_CA_CERT, written as a one-context kubeconfig so that one path builds every client.
   */
  private static KubeconfigSource fromHost(String server, Map<String, String> env) throws ModuleException {
    String token = env.get("K8S_AUTH_API_KEY");
    if (token == null || token.isBlank()) {
      throw new ModuleException("K8S_AUTH_HOST is set without K8S_AUTH_API_KEY: set the token too (username and"
          + " password, K8S_AUTH_USERNAME/PASSWORD, are not supported yet), or give a kubeconfig");
    }
    token = token.strip();
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).strip();
    }
    Map<String, Object> cluster = new java.util.LinkedHashMap<>();
    cluster.put("server", server.strip());
    String verify = env.getOrDefault("K8S_AUTH_VERIFY_SSL", "true").strip().toLowerCase(java.util.Locale.ROOT);
    if (java.util.List.of("false", "no", "0", "off").contains(verify)) {
      cluster.put("insecure-skip-tls-verify", true);
    } else if (env.get("K8S_AUTH_SSL_CA_CERT") != null && !env.get("K8S_AUTH_SSL_CA_CERT").isBlank()) {
      Path ca = Path.of(env.get("K8S_AUTH_SSL_CA_CERT")).toAbsolutePath();
      if (!Files.isRegularFile(ca)) {
        throw new ModuleException("K8S_AUTH_SSL_CA_CERT: no such file on the control node (" + ca + ")");
      }
      cluster.put("certificate-authority", ca.toString());
    }
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.put("clusters", java.util.List.of(Map.of("name", "k8s-auth-host", "cluster", cluster)));
    config.put("users", java.util.List.of(Map.of("name", "k8s-auth-api-key", "user", Map.of("token", token))));
    config.put("contexts", java.util.List.of(Map.of("name", "k8s-auth-host",
        "context", Map.of("cluster", "k8s-auth-host", "user", "k8s-auth-api-key"))));
    config.put("current-context", "k8s-auth-host");
    return new KubeconfigSource("K8S_AUTH_HOST " + server.strip(), KubeYaml.dump(config), null);
  }

  private static Path resolve(String given, Map<String, Object> vars) {
    String expanded = given.startsWith("~/") ? System.getProperty("user.home") + given.substring(1) : given;
    Path path = Path.of(expanded);
    if (path.isAbsolute()) {
      return path;
    }
    Object dir = vars.get("playbook_dir");
    Path base = dir == null ? Path.of("") : Path.of(String.valueOf(dir));
    return base.resolve(path).toAbsolutePath().normalize();
  }

  private static KubeconfigSource readLocal(Path file, String origin) throws ModuleException {
    if (!Files.isRegularFile(file)) {
      throw new ModuleException(origin + ": no such file on the control node (" + file.toAbsolutePath() + ")");
    }
    try {
      return new KubeconfigSource(origin, Files.readString(file), file.toAbsolutePath().toString());
    } catch (IOException e) {
      throw new ModuleException(origin + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a kubeconfig from a host; the real one runs {@code cat} over the host's connection. */
  interface RemoteFiles {
    String read(HostContext host, String path) throws ModuleException, ConnectionException;

    RemoteFiles OVER_CONNECTION = (host, path) -> {
      CommandResult r = host.connection().run(Command.of("cat -- " + dev.provision.connection.Shell.quote(path))
          .withBecome(host.become()).withTimeout(host.timeout()));
      if (!r.succeeded()) {
        throw new ModuleException("no kubeconfig: no `kubeconfig` variable, no KUBECONFIG, and " + path + " on "
            + host.host() + " cannot be read (" + r.stderr().strip() + ")",
            Map.of("hint", "set the variable kubeconfig to a file on the control node, or kubeconfig_remote,"
                + " or run the task with become: true to read " + path));
      }
      return r.stdout();
    };
  }
}
