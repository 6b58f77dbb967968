package dev.provision.modules.kube.k8s;

import dev.provision.module.Action;
import dev.provision.module.Diff;
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
import dev.provision.modules.kube.ObjectExists;
import dev.provision.modules.kube.ObjectPath;
import dev.provision.modules.kube.ObjectPlanner;
import dev.provision.modules.kube.PatchKind;
import dev.provision.modules.kube.Readiness;
import dev.provision.modules.kube.ResourceRef;
import dev.provision.modules.kube.ResourceWaiter;
import dev.provision.modules.kube.Selection;
import dev.provision.modules.kube.WaitAction;
import dev.provision.modules.kube.WaitGoal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kubernetes.core.k8s_scale}: sets a Deployment's, ReplicaSet's, StatefulSet's or
 * ReplicationController's {@code spec.replicas} (a Job's {@code spec.parallelism}) with a merge patch,
 * planned by the server's dry run; {@code current_replicas} scales only an object that has that many now.
 * With {@code wait} (the default, as in kubernetes.core) the task then waits until the workload's replicas
 * are ready. Registers {@code result} (the object) and {@code duration}.
 */
public final class K8sScaleModule implements Module {

  private static final Set<String> REPLICATED = Set.of("Deployment", "ReplicaSet", "StatefulSet", "ReplicationController");
  private static final Set<String> READINESS = Set.of("Deployment", "ReplicaSet", "StatefulSet");

  private static final ParamSchema SCHEMA = AnsibleKube.names(AnsibleKube.auth())
      .param(Param.any("resource_definition").aliases("definition", "inline")
          .describedAs("the object to scale: a mapping or YAML text naming its kind, name and namespace"))
      .param(Param.string("src").describedAs("manifest file on the control node, or an http(s) URL, naming the object"))
      .param(Param.integer("replicas").required().describedAs("the number of replicas (a Job's parallelism) to set"))
      .param(Param.integer("current_replicas")
          .describedAs("scale only when the object has this many replicas now; otherwise nothing changes"))
      .param(Param.bool("wait").defaultsTo(true).describedAs("wait until the replicas are ready (0 replicas: gone)"))
      .param(Param.integer("wait_timeout").defaultsTo(20L).describedAs("seconds to wait"))
      .param(Param.integer("wait_sleep").defaultsTo(5L)
          .describedAs("accepted for Ansible; Provision watches the object instead of polling"))
      .param(Param.list("label_selectors").notSupportedYet("name the object to scale (name:, or a definition)"))
      .param(Param.bool("continue_on_error").notSupportedYet("scale one object per task"))
      .mutuallyExclusive("resource_definition", "src")
      .summary("Ansible's kubernetes.core.k8s_scale: sets the replicas of a Deployment, ReplicaSet, StatefulSet or ReplicationController (a Job's parallelism), optionally waiting until they are ready.")
      .note("A merge patch of spec.replicas (spec.parallelism), planned by the server's dry run; a rerun changes nothing. Differences from Ansible: no label_selectors or continue_on_error.")
      .example("""
          - name: scale the web Deployment down to one replica
            kubernetes.core.k8s_scale:
              kind: Deployment
              name: web
              namespace: default
              replicas: 1
              wait_timeout: 60
          """)
      .build();

  @Override
  public String name() {
    return "kubernetes.core.k8s_scale";
  }

  @Override
  public List<String> aliases() {
    return List.of("k8s_scale", "community.kubernetes.k8s_scale");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    long replicas = params.integer("replicas");
    if (replicas < 0) {
      throw new ModuleException("replicas must be 0 or more, not " + replicas);
    }
    List<Map<String, Object>> objects = K8sModule.Definitions.read(params, host);
    if (objects.size() != 1) {
      throw new ModuleException("kubernetes.core.k8s_scale scales one object; the definition holds " + objects.size());
    }
    ResourceRef ref = ObjectPlanner.refOf(objects.get(0), null);
    boolean job = "Job".equals(ref.kind());
    if (!job && !REPLICATED.contains(ref.kind())) {
      throw new ModuleException("kubernetes.core.k8s_scale scales a Deployment, ReplicaSet, StatefulSet,"
          + " ReplicationController or Job, not a " + ref.kind());
    }
    String field = job ? "parallelism" : "replicas";
    ObjectPlanner planner = new ObjectPlanner(ClusterObjects.of(host, params));
    var resolved = planner.cluster().resolve(ref);
    Map<String, Object> live = resolved.isEmpty() ? null : planner.cluster().get(resolved.get());
    if (live == null) {
      if (host.changesPending()) {
        throw host.knownAfterApply(ref.describe() + " does not exist yet; an earlier task may create it");
      }
      throw new ModuleException(ref.describe() + " does not exist: nothing to scale");
    }
    long current = ObjectPath.parse(".spec." + field).read(live)
        .map(v -> v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v))).orElse(1L);
    Results results = new Results();
    ResourceRef shown = resolved.get().ref();
    if (params.has("current_replicas") && params.integer("current_replicas") != current) {
      results.add(false, null, live);
      return Plan.noop(shown.describe() + " has " + current + " " + field + ", not current_replicas "
          + params.integer("current_replicas") + ": left as it is", results.render());
    }
    if (current == replicas) {
      results.add(false, null, live);
      return Plan.noop(shown.describe() + " already has " + replicas + " " + field, results.render());
    }
    ObjectPlanner.Planned planned = planner.patch(shown, Map.of("spec", Map.of(field, replicas)),
        List.of(PatchKind.MERGE), FieldOwner.PROVISION.manager());
    ObjectChange change = new ObjectChange(shown, ObjectChange.Outcome.PATCHED, field + " " + current + " → " + replicas,
        planned.change().diff());
    int index = results.add(true, null, planned.predicted());
    List<Action> actions = new ArrayList<>();
    actions.add(new Recorded(planned.action(), results, index, false));
    if (params.bool("wait")) {
      long seconds = params.integer("wait_timeout");
      if (seconds <= 0) {
        throw new ModuleException("wait_timeout must be a positive number of seconds, not " + seconds);
      }
      var check = READINESS.contains(ref.kind()) ? new Readiness(ref.kind()) : ObjectExists.INSTANCE;
      Selection selection = new Selection(shown.kind(), shown.apiVersion(), shown.namespace(), shown.name(), null);
      WaitGoal goal = new WaitGoal(shown.kind(), shown.describe(), check, 1, false, true);
      actions.add(new Recorded(new WaitAction(new ResourceWaiter(planner.cluster().client()), selection, goal,
          ObjectPlanner.bounded(Duration.ofSeconds(seconds), host)), results, index, false));
    }
    List<Diff> diffs = List.of(change.diff());
    return Plan.change(ObjectChange.summary(List.of(change)), diffs, actions).withResult(results.render());
  }
}
