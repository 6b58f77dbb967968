package dev.provision.modules.kube.k8s;

import dev.provision.module.Param;
import dev.provision.module.ParamSchema;

/**
 * The parameters kubernetes.core's modules share (its doc fragments k8s_auth_options, k8s_name_options
 * and k8s_wait_options), as Provision declares them: cluster access through a kubeconfig and context
 * only; the other ways in are declared "not supported yet", so a playbook that uses them is refused
 * before any host, with what to write instead.
 */
public final class AnsibleKube {

  private static final String USE_KUBECONFIG = "give the cluster's address and credentials in a kubeconfig file"
      + " (kubeconfig:, the variable kubeconfig, K8S_AUTH_KUBECONFIG or KUBECONFIG) and choose one with context:,"
      + " or set K8S_AUTH_HOST and K8S_AUTH_API_KEY in the control node's environment";

  private AnsibleKube() {}

  /** {@code kubeconfig}, {@code context}; the rest of k8s_auth_options not supported yet. */
  public static ParamSchema.Builder auth() {
    ParamSchema.Builder b = ParamSchema.builder()
        .param(Param.string("kubeconfig")
            .describedAs("kubeconfig file on the control node (default: variable kubeconfig, then the environment's"
                + " K8S_AUTH_KUBECONFIG, K8S_AUTH_HOST with K8S_AUTH_API_KEY, KUBECONFIG, then kubeconfig_remote read"
                + " from the task's host)"))
        .param(Param.string("context").describedAs("kubeconfig context to use (default: variable kube_context,"
            + " then K8S_AUTH_CONTEXT)"));
    for (String name : new String[] {"host", "api_key", "username", "password", "proxy", "no_proxy", "proxy_headers",
        "persist_config", "impersonate_user", "impersonate_groups"}) {
      b.param(Param.any(name).notSupportedYet(USE_KUBECONFIG));
    }
    return b.param(Param.any("validate_certs").aliases("verify_ssl").notSupportedYet(USE_KUBECONFIG))
        .param(Param.any("ca_cert").aliases("ssl_ca_cert").notSupportedYet(USE_KUBECONFIG))
        .param(Param.any("client_cert").aliases("cert_file").notSupportedYet(USE_KUBECONFIG))
        .param(Param.any("client_key").aliases("key_file").notSupportedYet(USE_KUBECONFIG));
  }

  /** k8s_name_options: {@code api_version} (default v1, aliases api, version), {@code kind}, {@code name}, {@code namespace}. */
  public static ParamSchema.Builder names(ParamSchema.Builder b) {
    return b.param(Param.string("api_version").aliases("api", "version").defaultsTo("v1")
            .describedAs("API version of the object, e.g. v1, apps/v1, kubevirt.io/v1"))
        .param(Param.string("kind").describedAs("kind of the object; a definition's own kind wins"))
        .param(Param.string("name").describedAs("name of the object; a definition's own name wins"))
        .param(Param.string("namespace").describedAs("namespace of namespaced objects that name none"));
  }

  /** k8s_wait_options: {@code wait}, {@code wait_condition}, {@code wait_sleep}, {@code wait_timeout}. */
  public static ParamSchema.Builder waits(ParamSchema.Builder b) {
    return b.param(Param.bool("wait").defaultsTo(false)
            .describedAs("wait until the object is ready (Deployment, DaemonSet, StatefulSet, Pod), exists (other"
                + " kinds), meets wait_condition, or is gone (state absent)"))
        .param(Param.map("wait_condition")
            .describedAs("type, status (True, False or Unknown; default True) and reason of a status condition"))
        .param(Param.integer("wait_sleep").defaultsTo(5L)
            .describedAs("accepted for Ansible; Provision watches the object instead of polling"))
        .param(Param.integer("wait_timeout").defaultsTo(120L).describedAs("seconds to wait"));
  }
}
