package dev.provision.modules.kube.k8s;

import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.kube.ClusterObjects;
import dev.provision.modules.kube.KubeClients;
import dev.provision.modules.kube.KubeYaml;
import dev.provision.modules.kube.Normalize;
import dev.provision.modules.kube.ObjectPlanner;
import dev.provision.modules.kube.PatchKind;
import dev.provision.modules.kube.ResourceRef;
import dev.provision.modules.kube.ResourceWaiter;
import dev.provision.modules.kube.Selection;
import dev.provision.modules.kube.WaitAction;
import dev.provision.modules.kube.WaitGoal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubernetes.core.k8s_json_patch} (also {@code k8s_json_patch}): an RFC 6902 JSON patch of one
 * existing object. The patched object is computed here and by a server dry run; a patch that changes
 * nothing (an {@code add} of the value already there, a {@code remove} of a path already gone is an
 * error, as in RFC 6902) is ok and sends nothing. Registers {@code result} (the patched object) and, with
 * {@code wait}, {@code duration}.
 */
public final class K8sJsonPatchModule implements Module {

  private static final ParamSchema SCHEMA = AnsibleKube.waits(AnsibleKube.names(AnsibleKube.auth()))
      .param(Param.string("kind").required().describedAs("kind of the object"))
      .param(Param.string("name").required().describedAs("name of the object"))
      .param(Param.any("patch").required()
          .describedAs("the JSON patch: a list of operations (op, path, value), or its YAML/JSON text"))
      .summary("Ansible's kubernetes.core.k8s_json_patch: applies a JSON patch (RFC 6902) to one object, changing it only when the patch changes something.")
      .note("The plan is the server's dry run of the patch; an object the patch would leave as it is reports ok.")
      .example("""
          - name: use software emulation
            kubernetes.core.k8s_json_patch:
              api_version: kubevirt.io/v1
              kind: KubeVirt
              name: kubevirt
              namespace: kubevirt
              patch:
                - {op: add, path: /spec/configuration/developerConfiguration/useEmulation, value: true}
          """)
      .build();

  @Override
  public String name() {
    return "kubernetes.core.k8s_json_patch";
  }

  @Override
  public List<String> aliases() {
    return List.of("k8s_json_patch", "community.kubernetes.k8s_json_patch");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    Object patch = params.raw("patch") instanceof String text ? KubeYaml.parse(text, "patch")
        : Normalize.plain(params.raw("patch"));
    if (!(patch instanceof List<?>)) {
      throw new ModuleException("a JSON patch is a list of operations, e.g. [{op: remove, path: /metadata/finalizers}]");
    }
    ResourceRef ref = ResourceRef.from(params);
    ObjectPlanner planner = new ObjectPlanner(ClusterObjects.of(host, params));
    ObjectPlanner.Planned planned = planner.patch(ref, patch, List.of(PatchKind.JSON), KubeClients.FIELD_MANAGER);
    if (planned == null && host.changesPending()) {
      throw host.knownAfterApply(ref.describe() + " is not there yet, and an earlier task may create it");
    }
    if (planned == null) {
      throw new ModuleException(ref.describe() + " does not exist, so it cannot be patched");
    }
    WaitSpec wait = WaitSpec.of(params, host);
    Results results = new Results();
    int index = results.add(planned.action() != null, "patch", planned.predicted());
    List<Action> actions = new ArrayList<>();
    if (planned.action() != null) {
      actions.add(new Recorded(planned.action(), results, index, false));
    }
    var check = wait.check(ref.kind());
    if (wait.enabled() && (planned.action() != null || !check.holds(planned.live()))) {
      Selection selection = new Selection(ref.kind(), ref.apiVersion(), planned.change().ref().namespace(), ref.name(),
          null);
      WaitGoal goal = new WaitGoal(ref.kind(), planned.change().ref().describe(), check, 1, false, true);
      actions.add(new Recorded(new WaitAction(new ResourceWaiter(planner.cluster().client()), selection, goal,
          wait.timeout()), results, index, false));
    }
    String shown = planned.change().ref().describe();
    if (actions.isEmpty()) {
      return Plan.noop(shown + " already matches the JSON patch", results.render());
    }
    String message = planned.action() == null ? "wait for " + shown + " " + check.adjective()
        : "patch " + shown + " (JSON patch)";
    return Plan.change(message, planned.action() == null ? List.of() : List.of(planned.change().diff()), actions)
        .withResult(results.render());
  }
}
