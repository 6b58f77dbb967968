package dev.provision.modules.kube.k8s;

import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.kube.ClusterObjects;
import dev.provision.modules.kube.FieldOwner;
import dev.provision.modules.kube.ObjectChange;
import dev.provision.modules.kube.ObjectPath;
import dev.provision.modules.kube.ObjectPlanner;
import dev.provision.modules.kube.PatchKind;
import dev.provision.modules.kube.ResourceRef;
import java.util.List;
import java.util.Map;

/**
 * {@code kubernetes.core.k8s_drain}, states {@code cordon} and {@code uncordon}: a merge patch of the
 * Node's {@code spec.unschedulable}, planned by the server's dry run, registering kubernetes.core's
 * {@code result} sentence. State {@code drain} (kubernetes.core's default) evicts the node's pods and
 * waits for their kubelet to stop them: not supported yet.
 */
public final class K8sDrainModule implements Module {

  private static final String NO_DRAIN = "draining evicts the node's pods and waits for its kubelet to stop them;"
      + " cordon the node with state: cordon, then delete its pods with kubernetes.core.k8s state: absent";

  private static final ParamSchema SCHEMA = AnsibleKube.auth()
      .param(Param.string("name").required().describedAs("the Node's name"))
      .param(Param.string("state").choices("cordon", "uncordon", "drain").defaultsTo("drain")
          .describedAs("cordon: mark the node unschedulable; uncordon: schedulable again; drain: not supported yet"))
      .param(Param.map("delete_options").notSupportedYet(NO_DRAIN))
      .param(Param.list("pod_selectors").aliases("label_selectors").notSupportedYet(NO_DRAIN))
      .summary("Ansible's kubernetes.core.k8s_drain: cordons or uncordons a Kubernetes node (drain not supported yet).")
      .note("cordon and uncordon patch spec.unschedulable, planned by the server's dry run; a rerun changes nothing. Differences from Ansible: state drain (the default) is refused: give state: cordon or uncordon.")
      .example("""
          - name: keep new pods off the node during maintenance
            kubernetes.core.k8s_drain:
              name: worker-1
              state: cordon
          """)
      .build();

  @Override
  public String name() {
    return "kubernetes.core.k8s_drain";
  }

  @Override
  public List<String> aliases() {
    return List.of("k8s_drain", "community.kubernetes.k8s_drain");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    String state = params.string("state");
    if ("drain".equals(state)) {
      throw new ModuleException("state: drain of kubernetes.core.k8s_drain is not supported yet: " + NO_DRAIN);
    }
    boolean cordon = "cordon".equals(state);
    String node = params.string("name");
    ObjectPlanner planner = new ObjectPlanner(ClusterObjects.of(host, params));
    ResourceRef ref = new ResourceRef("v1", "Node", node, null);
    var resolved = planner.cluster().resolve(ref);
    Map<String, Object> live = resolved.isEmpty() ? null : planner.cluster().get(resolved.get());
    if (live == null) {
      if (host.changesPending()) {
        throw host.knownAfterApply("Node " + node + " does not exist yet; an earlier task may create it");
      }
      throw new ModuleException("Node " + node + " does not exist");
    }
    boolean unschedulable = Boolean.parseBoolean(ObjectPath.parse(".spec.unschedulable").readText(live).orElse("false"));
    String marked = "node " + node + " marked " + (cordon ? "unschedulable." : "schedulable.");
    if (unschedulable == cordon) {
      return Plan.noop("node " + node + " already marked " + (cordon ? "unschedulable" : "schedulable"),
          Map.of("result", "node " + node + " already marked " + (cordon ? "unschedulable." : "schedulable.")));
    }
    ObjectPlanner.Planned planned = planner.patch(resolved.get().ref(),
        Map.of("spec", Map.of("unschedulable", cordon)), List.of(PatchKind.MERGE), FieldOwner.PROVISION.manager());
    ObjectChange change = new ObjectChange(resolved.get().ref(), ObjectChange.Outcome.PATCHED, cordon ? "cordon"
        : "uncordon", planned.change().diff());
    return Plan.change(ObjectChange.summary(List.of(change)), List.of(change.diff()),
        List.of(new Marked(planned.action(), marked))).withResult(Map.of("result", marked));
  }

  /** The patch, registering kubernetes.core's sentence rather than the object. */
  private record Marked(dev.provision.module.Action patch, String sentence) implements dev.provision.module.Action {
    @Override
    public String describe() {
      return patch.describe();
    }

    @Override
    public Map<String, Object> apply(HostContext host) throws ModuleException,
        dev.provision.connection.ConnectionException {
      patch.apply(host);
      return Map.of("result", sentence);
    }
  }
}
