package dev.provision.modules.kube;

import dev.provision.module.Action;
import dev.provision.module.Diff;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/**
 * {@code kube_patch}: a merge (RFC 7386, the default), JSON (RFC 6902) or strategic merge patch of one
 * named resource. The patched object is computed first (locally for merge and JSON patches, by a
 * server dry run for strategic ones); a patch that changes nothing is {@code ok} and sends nothing.
 */
public final class KubePatchModule implements Module {

  private static final ParamSchema SCHEMA = KubeParams.commonParams()
      .summary("Patches one named Kubernetes resource: JSON merge (the default), JSON patch or strategic merge.")
      .note("The patched object is computed first (locally for merge and JSON patches, by a server dry run for"
          + " strategic ones); a patch that changes nothing is ok and sends nothing. In a plan, a resource that is"
          + " not there yet after an earlier change is deferred (the earlier task may create it).")
      .returns("resource", "the object after the patch (in a plan: as it would be)")
      .example("""
              - name: allow software emulation
                kube_patch:
                  api_version: kubevirt.io/v1
                  kind: KubeVirt
                  namespace: kubevirt
                  name: kubevirt
                  patch: {spec: {configuration: {developerConfiguration: {useEmulation: true}}}}
              """)
      .param(Param.any("patch").required().describedAs("the patch: a mapping (merge, strategic), a list (json) or YAML/JSON text"))
      .param(Param.string("type").choices("merge", "json", "strategic").defaultsTo("merge")
          .describedAs("merge: RFC 7386; json: RFC 6902 operations; strategic: Kubernetes' strategic merge"))
      .build();

  @Override
  public String name() {
    return "kube_patch";
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Plan plan(Params params, HostContext host) throws ModuleException {
    String type = params.string("type");
    Object patch = params.raw("patch") instanceof String text ? KubeYaml.parse(text, "patch") : Normalize.plain(params.raw("patch"));
    if (!"json".equals(type) && !(patch instanceof Map)) {
      throw new ModuleException("a " + type + " patch is a mapping, e.g. {spec: {replicas: 2}}");
    }
    ClusterObjects cluster = ClusterObjects.of(host, params);
    ResourceRef ref = ResourceRef.from(params);
    java.util.Optional<ResourceRef.Resolved> served = cluster.resolve(ref);
    Map<String, Object> live = served.isPresent() ? cluster.get(served.get()) : null;
    if (live == null && host.changesPending()) {
      throw host.knownAfterApply(ref.describe() + " is not there yet, and an earlier task may create it");
    }
    ResourceRef.Resolved r = served.isPresent() ? served.get() : ref.resolve(cluster.client(), cluster.discovery());
    if (live == null) {
      throw new ModuleException(r.ref().describe() + " does not exist, so it cannot be patched",
          Map.of("hint", "create it first (kube_apply), or check api_version, kind, name and namespace"));
    }
    PatchType patchType = switch (type) {
      case "json" -> PatchType.JSON;
      case "strategic" -> PatchType.STRATEGIC_MERGE;
      default -> PatchType.JSON_MERGE;
    };
    if (!"strategic".equals(type)) {
      Object local = "json".equals(type) ? JsonPatch.apply(live, patch) : MergePatch.apply(live, patch);
      if (Normalize.sameContent(live, (Map<String, Object>) local)) {
        return unchanged(r, live);
      }
    }
    // the server's view: defaults, validation and strategic merge keys
    Map<String, Object> predicted = cluster.patch(r, patchType, patch, true);
    if (Normalize.sameContent(live, predicted)) {
      return unchanged(r, live);
    }
    Diff diff = Diff.of(r.ref().describe(), Normalize.display(live), Normalize.display(predicted));
    Action send = new PatchAction(cluster, r, patchType, patch, type);
    return Plan.change("patch " + r.ref().describe() + " (" + type + " patch)",
        java.util.List.of(diff), java.util.List.of(send)).withResult(Map.of("resource", predicted));
  }

  private static Plan unchanged(ResourceRef.Resolved r, Map<String, Object> live) {
    return Plan.noop(r.ref().describe() + " already matches the patch", Map.of("resource", live));
  }

  /** Sends the patch for real. */
  private record PatchAction(ClusterObjects cluster, ResourceRef.Resolved r, PatchType patchType, Object patch, String type)
      implements Action {

    @Override
    public String describe() {
      return "patch " + r.ref().describe() + " (" + type + ")";
    }

    @Override
    public Map<String, Object> apply(HostContext host) throws ModuleException {
      return Map.of("resource", cluster.patch(r, patchType, patch, false));
    }
  }
}
