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
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kube_apply}: server-side apply of manifests (field manager {@code provision}), Namespaces and
 * CRDs first. The plan is a server-side dry run per object compared with the live object, so each
 * object is reported created, configured (with a diff) or unchanged, and only real content changes
 * make actions. {@code state: absent} deletes the objects instead.
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
    ClusterObjects cluster = ClusterObjects.of(host, params);
    boolean absent = "absent".equals(params.string("state"));
    boolean force = params.bool("force_conflicts");
    String namespace = params.optString("namespace").orElse(null);
    List<Map<String, Object>> ordered = absent ? ApplyOrder.forDelete(objects) : ApplyOrder.forApply(objects);
    // discovery first, one group version at a time (each is cached), then every object's read and
    // dry run side by side: they only read, so their order does not matter; the actions keep it
    List<Planned> planned = new ArrayList<>(ordered.size());
    for (Map<String, Object> object : ordered) {
      ResourceRef written = ClusterObjects.refOf(object);
      ResourceRef ref = written.namespace() == null && namespace != null
          ? new ResourceRef(written.apiVersion(), written.kind(), written.name(), namespace) : written;
      planned.add(new Planned(object, ref, cluster.resolve(ref)));
    }
    List<ObjectChange> changes = Concurrently.map(planned, p -> absent
        ? planDelete(cluster, p.ref(), p.resolved()) : planApply(cluster, p.ref(), p.resolved(), p.object(), force));
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      Planned p = planned.get(i);
      ObjectChange change = changes.get(i);
      if (change.outcome() == ObjectChange.Outcome.DELETED) {
        actions.add(new DeleteObjectAction(cluster, p.resolved().orElseThrow()));
      } else if (change.outcome().changes()) {
        actions.add(new ApplyObjectAction(cluster, p.ref(), p.object(), force, change.outcome()));
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

  private record Planned(Map<String, Object> object, ResourceRef ref, Optional<ResourceRef.Resolved> resolved) {}

  private static ObjectChange planApply(ClusterObjects cluster, ResourceRef ref, Optional<ResourceRef.Resolved> resolved,
      Map<String, Object> object, boolean force) throws ModuleException {
    String header = ref.describe();
    if (resolved.isEmpty()) {
      return new ObjectChange(ref, ObjectChange.Outcome.CREATED, "CRD not yet installed",
          Diff.of(header, "", Normalize.display(object)));
    }
    ResourceRef.Resolved r = resolved.get();
    Map<String, Object> live = cluster.get(r);
    Map<String, Object> predicted;
    try {
      predicted = cluster.apply(r, object, true, force);
    } catch (ModuleException e) {
      if (live == null && e.getCause() instanceof KubernetesClientException k && k.getCode() == 404) {
        // the namespace does not exist yet: an earlier object or task creates it
        return new ObjectChange(r.ref(), ObjectChange.Outcome.CREATED, "namespace not yet created",
            Diff.of(header, "", Normalize.display(object)));
      }
      throw e;
    }
    if (live == null) {
      return new ObjectChange(r.ref(), ObjectChange.Outcome.CREATED, null, Diff.of(header, "", Normalize.display(predicted)));
    }
    if (Normalize.sameContent(live, predicted)) {
      return new ObjectChange(r.ref(), ObjectChange.Outcome.UNCHANGED, null, Diff.of(header, "", ""));
    }
    return new ObjectChange(r.ref(), ObjectChange.Outcome.CONFIGURED, null,
        Diff.of(header, Normalize.display(live), Normalize.display(predicted)));
  }

  private static ObjectChange planDelete(ClusterObjects cluster, ResourceRef ref, Optional<ResourceRef.Resolved> resolved)
      throws ModuleException {
    Map<String, Object> live = resolved.isEmpty() ? null : cluster.get(resolved.get());
    ResourceRef shown = resolved.map(ResourceRef.Resolved::ref).orElse(ref);
    if (live == null) {
      return new ObjectChange(shown, ObjectChange.Outcome.ABSENT, null, Diff.of(shown.describe(), "", ""));
    }
    return new ObjectChange(shown, ObjectChange.Outcome.DELETED, null,
        Diff.of(shown.describe(), Normalize.display(live), ""));
  }
}
