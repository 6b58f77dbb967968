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
import dev.provision.modules.kube.ObjectCheck;
import dev.provision.modules.kube.ObjectNames;
import dev.provision.modules.kube.ResourceRef;
import dev.provision.modules.kube.ResourceWaiter;
import dev.provision.modules.kube.Selection;
import dev.provision.modules.kube.WaitAction;
import dev.provision.modules.kube.WaitGoal;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code kubernetes.core.k8s_info} (also {@code k8s_info}, {@code community.kubernetes.k8s_info}): reads one
 * object or lists a kind (label and field selectors), and registers {@code resources} and {@code api_found}.
 * With {@code wait} it waits until the object (or, when listing, at least one object and all of them)
 * passes {@code wait_condition} or its kind's readiness: a plan whose objects already pass is ok; otherwise
 * the wait is the task's one action, and in a plan where an earlier task may create the object, the
 * answer is known after apply.
 */
public final class K8sInfoModule implements Module {

  private static final Pattern FIELD_SELECTOR = Pattern.compile("[A-Za-z0-9.]+\\s*(==|=|!=)\\s*[-A-Za-z0-9_.:]*");

  private static final ParamSchema SCHEMA = AnsibleKube.waits(AnsibleKube.names(AnsibleKube.auth()))
      .param(Param.string("kind").required().describedAs("kind of the objects, e.g. Pod, KubeVirt"))
      .param(Param.list("label_selectors").describedAs("label requirements, all of which must hold: app=web, tier in (a, b)"))
      .param(Param.list("field_selectors").describedAs("field requirements: status.phase=Running, metadata.name!=x"))
      .param(Param.list("hidden_fields").notSupportedYet("read the whole object; filter it with a Jinja expression"))
      .summary("Ansible's kubernetes.core.k8s_info: reads objects by kind, name, namespace and selectors, optionally waiting for a status condition; never changes anything.")
      .note("Registers resources (a list of objects), as Ansible does. Waits watch the object instead of polling. Difference from Ansible: no hidden_fields.")
      .example("""
          - name: wait until KubeVirt is Available
            kubernetes.core.k8s_info:
              api_version: kubevirt.io/v1
              kind: KubeVirt
              name: kubevirt
              namespace: kubevirt
              wait: true
              wait_condition: {type: Available, status: "True"}
              wait_timeout: 600
            register: kv
          """)
      .build();

  @Override
  public String name() {
    return "kubernetes.core.k8s_info";
  }

  @Override
  public List<String> aliases() {
    return List.of("k8s_info", "community.kubernetes.k8s_info");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    LabelSelector labels = LabelSelector.parse(params.strings("label_selectors"));
    String fields = fieldSelector(params.strings("field_selectors"));
    String name = params.optString("name").orElse(null);
    String namespace = params.optString("namespace").orElse(null);
    if (name != null) {
      ObjectNames.name(name, "parameter `name`");
    }
    if (namespace != null) {
      ObjectNames.namespace(namespace, "parameter `namespace`");
    }
    ClusterObjects cluster = ClusterObjects.of(host, params);
    ResourceRef ref = new ResourceRef(params.string("api_version"), params.string("kind"), name == null ? "-" : name,
        namespace);
    Reader reader = new Reader(cluster, ref, name, labels.text(), fields);
    WaitSpec wait = WaitSpec.of(params, host);
    Optional<ResourceRef.Resolved> served = cluster.resolve(ref);
    List<Map<String, Object>> resources = served.isPresent() ? reader.read(served.get()) : List.of();
    Map<String, Object> result = result(served.isPresent(), resources);
    String what = describe(ref, served, name, labels.text(), fields);
    if (!wait.enabled()) {
      return Plan.noop(found(what, resources), result);
    }
    ObjectCheck check = wait.check(ref.kind());
    if (!resources.isEmpty() && resources.stream().allMatch(check::holds)) {
      return Plan.noop(found(what, resources) + " (" + check.adjective() + ")", result);
    }
    if (host.changesPending()) {
      throw host.knownAfterApply(what + " is not " + check.adjective() + " yet, and an earlier task may change that");
    }
    Selection selection = new Selection(ref.kind(), ref.apiVersion(),
        served.map(r -> r.ref().namespace()).orElse(namespace), name, labels.isEmpty() ? null : labels.text());
    WaitGoal goal = new WaitGoal(ref.kind(), what, check, 1, false, name != null);
    Action waitThenRead = new WaitThenRead(new WaitAction(new ResourceWaiter(cluster.client()), selection, goal,
        wait.timeout()), reader);
    return Plan.change("wait for " + goal.describe() + " (now: " + (resources.isEmpty() ? "not found"
        : check.state(resources.get(0))) + ")", waitThenRead).withResult(result);
  }

  private static Map<String, Object> result(boolean apiFound, List<Map<String, Object>> resources) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("api_found", apiFound);
    out.put("resources", resources);
    return out;
  }

  private static String found(String what, List<Map<String, Object>> resources) {
    return resources.isEmpty() ? what + ": none found" : what + ": " + resources.size()
        + (resources.size() == 1 ? " found" : " found");
  }

  private static String describe(ResourceRef ref, Optional<ResourceRef.Resolved> served, String name, String labels,
      String fields) {
    String ns = served.map(r -> r.ref().namespace()).orElse(ref.namespace());
    String where = ns == null ? "" : ns + "/";
    if (name != null) {
      return ref.kind() + " " + where + name;
    }
    String filters = (labels.isEmpty() ? "" : " with " + labels) + (fields == null ? "" : " where " + fields);
    return ref.kind() + " objects" + filters + (ns == null ? "" : " in " + ns);
  }

  static String fieldSelector(List<String> selectors) throws ModuleException {
    for (String s : selectors) {
      if (!FIELD_SELECTOR.matcher(s.strip()).matches()) {
        throw new ModuleException("`" + s + "` is not a field selector: write field=value or field!=value,"
            + " e.g. status.phase=Running");
      }
    }
    return selectors.isEmpty() ? null : String.join(",", selectors.stream().map(String::strip).toList());
  }

  /** Reads the task's objects: the named one, or the kind's list with the selectors. */
  record Reader(ClusterObjects cluster, ResourceRef ref, String name, String labels, String fields) {
    List<Map<String, Object>> read(ResourceRef.Resolved r) throws ModuleException {
      if (name != null) {
        Map<String, Object> one = cluster.get(r);
        return one == null ? List.of() : List.of(one);
      }
      ResourceDefinitionContext api = r.api();
      return cluster.list(api, api.isNamespaceScoped() ? ref.namespace() : null, labels, fields);
    }

    Map<String, Object> readAgain() throws ModuleException {
      Optional<ResourceRef.Resolved> served = cluster.resolve(ref);
      return result(served.isPresent(), served.isPresent() ? read(served.get()) : List.of());
    }
  }

  /** The wait, then the objects as the wait left them. */
  private record WaitThenRead(WaitAction waiting, Reader reader) implements Action {
    @Override
    public String describe() {
      return waiting.describe();
    }

    @Override
    public Map<String, Object> apply(HostContext host) throws ModuleException {
      Map<String, Object> waited = waiting.apply(host);
      Map<String, Object> out = new LinkedHashMap<>(reader.readAgain());
      if (waited.get("waited_seconds") instanceof Number n) {
        out.put("duration", Math.round(n.doubleValue()));
      }
      return out;
    }
  }
}
