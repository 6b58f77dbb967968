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
import dev.provision.modules.kube.ApplyOrder;
import dev.provision.modules.kube.ClusterObjects;
import dev.provision.modules.kube.DeleteOptions;
import dev.provision.modules.kube.FieldOwner;
import dev.provision.modules.kube.KubeYaml;
import dev.provision.modules.kube.ManifestInput;
import dev.provision.modules.kube.ObjectChange;
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
 * {@code kubernetes.core.k8s} (also {@code k8s}, {@code community.kubernetes.k8s}): Ansible's module on
 * Provision's server-side apply. {@code state: present} applies every object of the definition with a
 * server dry run first, so the plan says per object created, configured (with a diff) or unchanged, and
 * a rerun changes nothing; Namespaces and CRDs go first and a custom resource waits for its CRD, so a
 * CRD and its CR work in one definition. {@code patched} patches objects that exist (strategic merge,
 * then merge, or {@code merge_type}); {@code absent} deletes with {@code delete_options}; {@code force}
 * replaces. Registers {@code result}, {@code method}, with {@code wait} {@code duration}, and under
 * {@code --diff} an updated, replaced or applied object's {@code diff} ({@link ObjectDiff}), as
 * kubernetes.core does.
 */
public final class K8sModule implements Module {

  private static final ParamSchema SCHEMA = AnsibleKube.waits(AnsibleKube.names(AnsibleKube.auth()))
      .param(Param.string("state").choices("present", "absent", "patched").defaultsTo("present")
          .describedAs("present: create or update; absent: delete; patched: patch objects that exist, create none"))
      .param(Param.any("resource_definition").aliases("definition", "inline")
          .describedAs("the objects: a mapping, a list, or YAML text (several documents)"))
      .param(Param.string("src").describedAs("manifest file on the control node, or an http(s) URL"))
      .param(Param.any("template")
          .describedAs("manifest template(s) on the control node, rendered with the task's variables: a path,"
              + " {path: ...}, or a list of them"))
      .param(Param.bool("apply").defaultsTo(false)
          .describedAs("accepted for Ansible: Provision always applies on the server (server-side apply)"))
      .param(Param.map("server_side_apply")
          .describedAs("field_manager (required) and force_conflicts: whose fields these are"))
      .param(Param.list("merge_type")
          .describedAs("patch types to try in order for state patched (and for existing objects when given):"
              + " strategic-merge, merge, json; default strategic-merge then merge"))
      .param(Param.bool("force").defaultsTo(false).describedAs("state present: replace existing objects (PUT)"))
      .param(Param.map("delete_options")
          .describedAs("state absent: propagationPolicy (Foreground, Background, Orphan), gracePeriodSeconds,"
              + " preconditions (uid, resourceVersion)"))
      .param(Param.bool("continue_on_error").defaultsTo(false)
          .describedAs("an object that fails is reported in its result's error and the others go on"))
      .param(Param.list("label_selectors")
          .describedAs("present: only objects whose labels match; absent without a name: the objects to delete"))
      .param(Param.string("generate_name").notSupportedYet(
          "give metadata.name: a name the server makes up differs on every run, so no rerun could find the object"))
      .param(Param.map("validate").notSupportedYet("the server validates every object in the plan's dry run"))
      .param(Param.bool("append_hash").notSupportedYet("name the ConfigMap or Secret yourself"))
      .mutuallyExclusive("resource_definition", "src", "template")
      .mutuallyExclusive("apply", "merge_type")
      .summary("Ansible's kubernetes.core.k8s: creates, updates, patches or deletes Kubernetes objects from a definition, a manifest file or URL, or templates.")
      .note("Always server-side apply (field manager provision unless server_side_apply names one); the plan is the server's own dry run. Under --diff an updated, replaced or applied object registers kubernetes.core's diff (before/after of what differs, without the server's bookkeeping). Differences from Ansible: no generate_name, validate or append_hash; the cluster is reached through a kubeconfig or K8S_AUTH_HOST with K8S_AUTH_API_KEY, not the task's auth parameters.")
      .example("""
          - name: deploy the KubeVirt operator
            kubernetes.core.k8s:
              state: present
              src: kubevirt-operator.yaml
              wait: true
              wait_timeout: 300
          """)
      .build();

  @Override
  public String name() {
    return "kubernetes.core.k8s";
  }

  @Override
  public List<String> aliases() {
    return List.of("k8s", "community.kubernetes.k8s");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    String state = params.string("state");
    List<Map<String, Object>> objects = Definitions.read(params, host);
    LabelSelector selector = LabelSelector.parse(params.strings("label_selectors"));
    ObjectPlanner planner = new ObjectPlanner(ClusterObjects.of(host, params));
    if ("absent".equals(state) && objects.isEmpty()) {
      objects = Definitions.selected(planner.cluster(), params, selector);
    }
    if (objects.isEmpty()) {
      return Plan.noop("the definition holds no objects");
    }
    WaitSpec wait = WaitSpec.of(params, host);
    FieldOwner owner = owner(params.map("server_side_apply"));
    List<PatchKind> mergeTypes = mergeTypes(params.strings("merge_type"));
    DeleteOptions delete = DeleteOptions.of(params.map("delete_options"), "delete_options");
    boolean keepGoing = params.bool("continue_on_error");
    boolean diffMode = host.diffMode();
    Results results = new Results();
    List<ObjectChange> changes = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    for (Map<String, Object> object : "absent".equals(state) ? ApplyOrder.forDelete(objects)
        : ApplyOrder.forApply(objects)) {
      ResourceRef ref = ObjectPlanner.refOf(object, null);
      if (!"absent".equals(state) && !selector.matches(object)) {
        int i = results.add(false, null, null);
        results.put(i, "msg", "resource 'kind=" + ref.kind() + ",name=" + ref.name() + ",namespace="
            + ref.namespace() + "' filtered by label_selectors.");
        continue;
      }
      ObjectPlanner.Planned planned;
      String method;
      try {
        switch (state) {
          case "absent" -> {
            planned = planner.delete(ref, delete, wait.enabled() ? wait.timeout() : null);
            method = "delete";
          }
          case "patched" -> {
            planned = planner.patch(ref, object, mergeTypes.isEmpty() ? DEFAULT_MERGE : mergeTypes, owner.manager());
            method = "update";
            if (planned == null) {
              int i = results.add(false, null, null);
              results.warn(i, "resource 'kind=" + ref.kind() + ",name=" + ref.name() + "' was not found but will not"
                  + " be created as 'state' parameter has been set to 'patched'");
              changes.add(new ObjectChange(ref, ObjectChange.Outcome.ABSENT, "not created by state patched",
                  Diff.of(ref.describe(), "", "")));
              continue;
            }
          }
          default -> {
            planned = present(planner, ref, object, params, owner, mergeTypes);
            method = params.bool("apply") ? "apply" : planned.live() == null ? "create"
                : params.bool("force") ? "replace" : "update";
          }
        }
      } catch (ModuleException e) {
        if (!keepGoing) {
          throw e;
        }
        int i = results.add(false, null, null);
        results.put(i, "error", Map.of("msg", e.getMessage()));
        continue;
      }
      ObjectChange change = planned.change();
      changes.add(change);
      int index = results.add(change.outcome().changes(), method, planned.predicted());
      if (diffMode && DIFFED.contains(method)) {
        results.diffAgainst(index, planned.live());
      }
      if (planned.action() != null) {
        actions.add(new Recorded(planned.action(), results, index, keepGoing));
      }
      if (wait.enabled() && !"absent".equals(state)) {
        waitFor(planner, ref, planned, wait).ifPresent(w -> actions.add(new Recorded(w, results, index, keepGoing)));
      }
    }
    String message = ObjectChange.summary(changes);
    if (actions.isEmpty()) {
      return Plan.noop(message, results.render());
    }
    List<Diff> diffs = changes.stream().filter(c -> c.outcome().changes()).map(ObjectChange::diff).toList();
    return Plan.change(message, diffs, actions).withResult(results.render());
  }

  /** The methods whose result kubernetes.core gives a {@code diff} under --diff (not create, not delete). */
  private static final List<String> DIFFED = List.of("update", "replace", "apply");

  private static final List<PatchKind> DEFAULT_MERGE = List.of(PatchKind.STRATEGIC, PatchKind.MERGE);

  private static ObjectPlanner.Planned present(ObjectPlanner planner, ResourceRef ref, Map<String, Object> object,
      Params params, FieldOwner owner, List<PatchKind> mergeTypes) throws ModuleException {
    if (params.bool("force")) {
      return planner.replace(ref, object, owner);
    }
    if (!mergeTypes.isEmpty()) {
      // asked for by name: an existing object is patched with these types, as kubernetes.core does
      ObjectPlanner.Planned patched = planner.patch(ref, object, mergeTypes, owner.manager());
      if (patched != null) {
        return patched;
      }
    }
    return planner.apply(ref, object, owner);
  }

  /** The wait after the change, or none when the object (unchanged) already passes it. */
  private static java.util.Optional<Action> waitFor(ObjectPlanner planner, ResourceRef ref,
      ObjectPlanner.Planned planned, WaitSpec wait) {
    var check = wait.check(ref.kind());
    if (planned.action() == null && planned.live() != null && check.holds(planned.live())) {
      return java.util.Optional.empty();
    }
    String namespace = planned.change().ref().namespace();
    Selection selection = new Selection(ref.kind(), ref.apiVersion(), namespace, ref.name(), null);
    WaitGoal goal = new WaitGoal(ref.kind(), planned.change().ref().describe(), check, 1, false, true);
    return java.util.Optional.of(new WaitAction(new ResourceWaiter(planner.cluster().client()), selection, goal,
        wait.timeout()));
  }

  static FieldOwner owner(Map<String, Object> serverSideApply) throws ModuleException {
    if (serverSideApply == null || serverSideApply.isEmpty()) {
      return FieldOwner.PROVISION;
    }
    for (String key : serverSideApply.keySet()) {
      if (!List.of("field_manager", "force_conflicts").contains(key)) {
        throw new ModuleException("server_side_apply: unknown key `" + key + "` (known: field_manager, force_conflicts)");
      }
    }
    Object manager = serverSideApply.get("field_manager");
    if (manager == null || String.valueOf(manager).isBlank()) {
      throw new ModuleException("server_side_apply needs field_manager (the name the fields are owned by)");
    }
    Object force = serverSideApply.getOrDefault("force_conflicts", false);
    return new FieldOwner(String.valueOf(manager), Boolean.parseBoolean(String.valueOf(force)));
  }

  static List<PatchKind> mergeTypes(List<String> names) throws ModuleException {
    List<PatchKind> out = new ArrayList<>();
    for (String name : names) {
      if (!List.of("json", "merge", "strategic-merge").contains(name)) {
        throw new ModuleException("merge_type must be strategic-merge, merge or json, not `" + name + "`");
      }
      out.add(PatchKind.named(name));
    }
    return out;
  }

  /** The objects of the task. */
  static final class Definitions {
    private Definitions() {}

    static List<Map<String, Object>> read(Params params, HostContext host) throws ModuleException {
      KubeYaml.Defaults defaults = new KubeYaml.Defaults(params.optString("api_version").orElse(null),
          params.optString("kind").orElse(null), params.optString("name").orElse(null),
          params.optString("namespace").orElse(null));
      if (params.has("resource_definition")) {
        return KubeYaml.objects(params.raw("resource_definition"), "definition", defaults);
      }
      if (params.has("src")) {
        return ManifestInput.fromSource(params.string("src"), host, defaults);
      }
      if (params.has("template")) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String path : templatePaths(params.raw("template"))) {
          out.addAll(ManifestInput.fromTemplate(path, host, defaults));
        }
        return out;
      }
      if (!params.has("kind") || (!params.has("name") && !"absent".equals(params.string("state")))) {
        throw new ModuleException("give the objects (definition, src or template), or kind and name");
      }
      if (!params.has("name")) {
        return List.of(); // state absent by kind and label_selectors
      }
      return KubeYaml.objects(Map.of(), "the task's kind and name", defaults);
    }

    /** State absent with a kind and no name: every object of the kind that the label selectors match. */
    static List<Map<String, Object>> selected(ClusterObjects cluster, Params params, LabelSelector selector)
        throws ModuleException {
      if (!params.has("kind") || selector.isEmpty()) {
        return List.of();
      }
      ResourceRef kind = new ResourceRef(params.string("api_version"), params.string("kind"), "-",
          params.optString("namespace").orElse(null));
      var resolved = cluster.resolve(kind);
      if (resolved.isEmpty()) {
        return List.of();
      }
      var api = resolved.get().api();
      return cluster.list(api, api.isNamespaceScoped() ? resolved.get().ref().namespace() : null,
          selector.text(), null);
    }

    private static List<String> templatePaths(Object template) throws ModuleException {
      List<String> out = new ArrayList<>();
      for (Object item : template instanceof List<?> list ? list : List.of(template)) {
        if (item instanceof String path) {
          out.add(path);
        } else if (item instanceof Map<?, ?> map && map.get("path") instanceof String path) {
          for (Object key : map.keySet()) {
            if (!"path".equals(key)) {
              throw new ModuleException("template option `" + key + "` is not supported yet: write the template"
                  + " with {{ }} and {% %}, its newlines as they are");
            }
          }
          out.add(path);
        } else {
          throw new ModuleException("template must be a path, {path: ...}, or a list of them");
        }
      }
      return out;
    }
  }
}
