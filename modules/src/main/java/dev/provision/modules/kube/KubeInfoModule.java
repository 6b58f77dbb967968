package dev.provision.modules.kube;

import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kube_info}: reads one resource (api_version, kind, name) or lists kinds in a namespace
 * ({@code kinds}, default as {@code kubectl get all}), registers {@code resources} and the
 * {@code fields} asked for, and says what it found in a short {@code kubectl get}-like table.
 * Always read-only. In list mode the field paths read {@code {items: [...]}}.
 */
public final class KubeInfoModule implements Module {

  private static final ParamSchema SCHEMA = KubeParams.commonParams()
      .summary("Reads one Kubernetes resource, or lists kinds in a namespace, and registers what it found.")
      .note("Always read-only. With `name`, one resource (a missing one fails, unless `missing_ok`); without, the"
          + " kinds listed (default: as kubectl get all). The message says what was found, and a kubectl-like"
          + " table follows it. In list mode the field paths read {items: [...]}.")
      .returns("resources", "the objects found")
      .returns("fields", "the values of `fields`, by name")
      .returns("exists", "whether anything was found")
      .example("""
              - name: read the deployed KubeVirt version
                kube_info:
                  api_version: kubevirt.io/v1
                  kind: KubeVirt
                  namespace: kubevirt
                  name: kubevirt
                  fields: {version: .status.observedKubeVirtVersion}
                register: kubevirt_info
              """)
      .param(Param.list("kinds").describedAs("kinds to list: pods, services, deployments..., or apiVersion/Kind"))
      .param(Param.map("fields").describedAs("name -> field path, e.g. version: .status.observedKubeVirtVersion"))
      .param(Param.bool("missing_ok").defaultsTo(false).describedAs("a missing resource registers nothing instead of failing"))
      .build();

  @Override
  public String name() {
    return "kube_info";
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    Map<String, ObjectPath> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : params.map("fields").entrySet()) {
      fields.put(e.getKey(), ObjectPath.param("fields." + e.getKey(), String.valueOf(e.getValue())));
    }
    ClusterObjects cluster = ClusterObjects.of(host, params);
    List<Map<String, Object>> resources = new ArrayList<>();
    Object root;
    if (params.has("name")) {
      ResourceRef ref = ResourceRef.from(params);
      boolean served = cluster.discovery().find(ref.apiVersion(), ref.kind()).isPresent();
      // with missing_ok, absence is an answer ("exists: false"); without, the plan must not fail on it
      boolean mustExist = !params.bool("missing_ok");
      if (!served && mustExist && host.changesPending()) {
        throw host.knownAfterApply(ref.describe() + " is not there yet, and an earlier task may create it");
      }
      if (params.bool("missing_ok") && !served) {
        // the kind is not served (its CRD is not installed yet): the resource is missing too
        return Plan.noop(ref.describe() + " does not exist (the cluster serves no " + ref.kind() + " yet)",
            missingResult(fields));
      }
      ResourceRef.Resolved r = ref.resolve(cluster.client(), cluster.discovery());
      Map<String, Object> object = cluster.get(r);
      if (object == null) {
        if (mustExist && host.changesPending()) {
          throw host.knownAfterApply(ref.describe() + " is not there yet, and an earlier task may create it");
        }
        if (!params.bool("missing_ok")) {
          throw new ModuleException(r.ref().describe() + " not found");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resources", List.of());
        result.put("fields", nullFields(fields));
        result.put("exists", false);
        return Plan.noop(r.ref().describe() + " does not exist", result);
      }
      resources.add(object);
      root = object;
    } else {
      for (ResourceRef kind : KindNames.resolve(params)) {
        resources.addAll(cluster.list(kind.resolve(cluster.client(), cluster.discovery())));
      }
      root = Map.of("items", resources);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    fields.forEach((name, path) -> values.put(name, path.read(root).orElse(null)));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("resources", resources);
    result.put("fields", values);
    result.put("exists", !resources.isEmpty());
    // the first line says what was found (the one-line summary); the table follows for -v and logs
    String table = SummaryTable.render(resources, java.time.Instant.now());
    String found = params.has("name") ? SummaryTable.describe(resources.get(0)) : SummaryTable.count(resources);
    String fieldText = values.isEmpty() ? "" : "; " + String.join(", ",
        values.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    return Plan.noop(found + fieldText + (resources.isEmpty() ? "" : "\n" + table), result);
  }

  private static Map<String, Object> missingResult(Map<String, ObjectPath> fields) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("resources", List.of());
    result.put("fields", nullFields(fields));
    result.put("exists", false);
    return result;
  }

  private static Map<String, Object> nullFields(Map<String, ObjectPath> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.keySet().forEach(k -> out.put(k, null));
    return out;
  }
}
