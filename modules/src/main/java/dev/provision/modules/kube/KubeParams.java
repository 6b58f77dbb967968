package dev.provision.modules.kube;

import dev.provision.module.Param;
import dev.provision.module.ParamSchema;

/** The parameters every kube_* module shares: cluster access and a resource reference. */
public final class KubeParams {

  private KubeParams() {}

  /** {@code kubeconfig}, {@code context}, {@code api_version}, {@code kind}, {@code name}, {@code namespace}. */
  public static ParamSchema.Builder commonParams() {
    return access()
        .param(Param.string("api_version").aliases("apiVersion")
            .describedAs("API version of the resource, e.g. v1, apps/v1, kubevirt.io/v1"))
        .param(Param.string("kind").describedAs("kind of the resource, e.g. Deployment, KubeVirt"))
        .param(Param.string("name").describedAs("name of the resource"))
        .param(Param.string("namespace").aliases("ns")
            .describedAs("namespace of a namespaced resource (default: the kubeconfig's, else default)"));
  }

  /** Only {@code kubeconfig} and {@code context}. */
  public static ParamSchema.Builder access() {
    return ParamSchema.builder()
        .param(Param.string("kubeconfig")
            .describedAs("kubeconfig file on the control node (default: variable kubeconfig, KUBECONFIG,"
                + " then kubeconfig_remote read from the task's host)"))
        .param(Param.string("context").aliases("kube_context").describedAs("kubeconfig context to use"));
  }
}
