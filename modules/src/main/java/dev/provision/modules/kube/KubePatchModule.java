package dev.provision.modules.kube;

import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.List;
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
  public Plan plan(Params params, HostContext host) throws ModuleException {
    String type = params.string("type");
    Object patch = params.raw("patch") instanceof String text ? KubeYaml.parse(text, "patch") : Normalize.plain(params.raw("patch"));
    if (!"json".equals(type) && !(patch instanceof Map)) {
      throw new ModuleException("a " + type + " patch is a mapping, e.g. {spec: {replicas: 2}}");
    }
    ClusterObjects cluster = ClusterObjects.of(host, params);
    ResourceRef ref = ResourceRef.from(params);
    ObjectPlanner.Planned planned = new ObjectPlanner(cluster).patch(ref, patch, List.of(PatchKind.named(type)),
        KubeClients.FIELD_MANAGER);
    if (planned == null && host.changesPending()) {
      throw host.knownAfterApply(ref.describe() + " is not there yet, and an earlier task may create it");
    }
    if (planned == null) {
      String shown = cluster.resolve(ref).map(r -> r.ref().describe()).orElse(ref.describe());
      throw new ModuleException(shown + " does not exist, so it cannot be patched",
          Map.of("hint", "create it first (kube_apply), or check api_version, kind, name and namespace"));
    }
    ObjectChange change = planned.change();
    if (planned.action() == null) {
      return Plan.noop(change.ref().describe() + " already matches the patch", Map.of("resource", planned.live()));
    }
    return Plan.change("patch " + change.ref().describe() + " (" + PatchKind.named(type).words() + ")",
        List.of(change.diff()), List.of(new ResourceResult(planned.action()))).withResult(Map.of("resource",
        planned.predicted()));
  }

  /** kube_patch registers the patched object as {@code resource}. */
  private record ResourceResult(Action patch) implements Action {
    @Override
    public String describe() {
      return patch.describe();
    }

    @Override
    public Map<String, Object> apply(HostContext host) throws ModuleException, dev.provision.connection.ConnectionException {
      return Map.of("resource", patch.apply(host).get("object"));
    }
  }
}
