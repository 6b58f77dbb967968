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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kube_apply}: server-side apply of manifests (field manager {@code provision}), Namespaces and
 * CRDs first. The plan is a server-side dry run per object compared with the live object, so each
 * object is reported created, configured (with a diff) or unchanged, and only real content changes
 * make actions. {@code state: absent} deletes the objects instead, in reverse order (custom resources before
 * their CRDs, namespaces last), each with its propagation policy, and waits for each to be gone before the
 * next, naming the finalizers that hold one that does not go.
 */
public final class KubeApplyModule implements Module {

  private static final ParamSchema SCHEMA = KubeParams.access()
      .summary("Server-side apply of Kubernetes manifests (field manager provision), Namespaces and CRDs first.")
      .note("The plan is a server-side dry run per object compared with the live object, so each object is reported"
          + " created, configured (with a diff) or unchanged, and only real content changes make actions."
          + " `state: absent` deletes the objects instead.")
      .returns("objects", "per object: apiVersion, kind, name, namespace, result (created, configured, unchanged...)")
      .example("""
              - name: deploy the KubeVirt operator
                kube_apply:
                  src: "{{ kubevirt_mirror }}/{{ kubevirt_version }}/kubevirt-operator.yaml"
              - kube_apply:
                  definition:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: settings, namespace: default}
                    data: {color: blue}
              """)
      .param(Param.string("src").describedAs("manifest file on the control node, or an http(s) URL"))
      .param(Param.any("definition").aliases("resource_definition").describedAs("inline manifest: YAML text, mapping or list"))
      .param(Param.string("template").describedAs("manifest template on the control node, rendered with the task's variables"))
      .param(Param.string("state").choices("present", "absent").defaultsTo("present")
          .describedAs("absent: delete the manifest's objects"))
      .param(Param.bool("force_conflicts").defaultsTo(false)
          .describedAs("take over fields owned by other field managers"))
      .param(Param.string("namespace").describedAs("namespace for namespaced objects that name none"))
      .param(Param.string("propagation_policy").choices(DeleteOptions.POLICIES.toArray(String[]::new))
          .defaultsTo("Background")
          .describedAs("state absent: how dependents go (Background: after the object, by the garbage collector;"
              + " Foreground: before it; Orphan: they stay)"))
      .param(Param.bool("wait").defaultsTo(true)
          .describedAs("state absent: wait until each object is gone, in order, naming the finalizers that hold one"))
      .param(Param.duration("timeout").defaultsTo("5m")
          .describedAs("state absent: how long to wait for each object to go"))
      .mutuallyExclusive("src", "definition", "template")
      .requiredOneOf("src", "definition", "template")
      .build();

  @Override
  public String name() {
    return "kube_apply";
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    List<Map<String, Object>> objects = ManifestInput.read(params, host);
    if (objects.isEmpty()) {
      return Plan.noop("the manifest holds no objects");
    }
    String namespace = params.optString("namespace").orElse(null);
    if (namespace != null) {
      ObjectNames.namespace(namespace, "parameter `namespace`");
    }
    ObjectPlanner planner = new ObjectPlanner(ClusterObjects.of(host, params));
    boolean absent = "absent".equals(params.string("state"));
    FieldOwner owner = FieldOwner.provision(params.bool("force_conflicts"));
    DeleteOptions delete = DeleteOptions.BACKGROUND.withPolicy(params.string("propagation_policy"));
    Duration wait = params.bool("wait") ? ObjectPlanner.bounded(params.duration("timeout"), host) : null;
    List<Map<String, Object>> ordered = absent ? ApplyOrder.forDelete(objects) : ApplyOrder.forApply(objects);
    // discovery first, one group version at a time (each is cached), then every object's read and
    // dry run side by side: they only read, so their order does not matter; the actions keep it
    for (Map<String, Object> object : ordered) {
      planner.cluster().resolve(ObjectPlanner.refOf(object, namespace));
    }
    List<ObjectPlanner.Planned> plans = Concurrently.map(ordered, object -> {
      ResourceRef ref = ObjectPlanner.refOf(object, namespace);
      return absent ? planner.delete(ref, delete, wait) : planner.apply(ref, object, owner);
    });
    List<ObjectChange> changes = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    for (ObjectPlanner.Planned planned : plans) {
      changes.add(planned.change());
      if (planned.action() != null) {
        actions.add(planned.action());
      }
    }
    String message = ObjectChange.summary(changes);
    Map<String, Object> result = Map.of("objects", changes.stream().map(ObjectChange::asResult).toList());
    if (actions.isEmpty()) {
      return Plan.noop(message, result);
    }
    List<Diff> diffs = changes.stream().filter(c -> c.outcome().changes()).map(ObjectChange::diff).toList();
    return Plan.change(message, diffs, actions).withResult(result);
  }
}
