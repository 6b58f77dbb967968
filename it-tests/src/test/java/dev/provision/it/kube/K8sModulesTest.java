package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.lab.kube.OrderedApply;
import dev.provision.lab.kube.Widgets;
import dev.provision.module.ModuleException;
import dev.provision.modules.kube.k8s.K8sInfoModule;
import dev.provision.modules.kube.k8s.K8sJsonPatchModule;
import dev.provision.modules.kube.k8s.K8sModule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kubernetes.core.k8s, k8s_info and k8s_json_patch against a real kube-apiserver 1.20: the parameters and
 * results kubernetes.core documents, on Provision's server-side apply (plan = server dry run, rerun = no change).
 */
class K8sModulesTest {

  @RegisterExtension
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  private static KubeModuleRunner runner;
  private final K8sModule k8s = new K8sModule();
  private final K8sInfoModule info = new K8sInfoModule();
  private final K8sJsonPatchModule jsonPatch = new K8sJsonPatchModule();

  @BeforeAll
  static void runner() {
    runner = new KubeModuleRunner(KUBE);
  }

  @AfterAll
  static void close() {
    runner.close();
  }

  @Test
  void aCrdAndItsCrInOneDefinitionArePlannedAppliedAndThenUnchanged() throws Exception {
    String both = "apiVersion: one.example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: default\n"
        + "spec:\n  size: 3\n---\n" + Widgets.crd("one.example.com");
    Map<String, Object> args = Map.of("definition", both);

    var plan = runner.plan(k8s, args);
    assertThat(plan.message()).isEqualTo(
        "would create CustomResourceDefinition widgets.one.example.com; create Widget default/w1 (CRD not yet installed)");
    assertThat(results(plan.plan().result())).extracting(r -> r.get("method")).containsExactly("create", "create");

    var first = runner.apply(k8s, args);
    assertThat(first.changed()).isTrue();
    List<Map<String, Object>> applied = results(first.data());
    assertThat(applied).extracting(r -> r.get("changed")).containsExactly(true, true);
    assertThat(objectAt(applied.get(1), "spec")).isEqualTo(Map.of("size", 3L));
    assertThat(objectAt(applied.get(1), "metadata")).containsKey("uid");

    var second = runner.apply(k8s, args);
    assertThat(second.changed()).isFalse();
    assertThat(second.message()).isEqualTo("2 objects unchanged");
    assertThat(results(second.data())).extracting(r -> r.get("method"), r -> r.get("changed"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("update", false),
            org.assertj.core.groups.Tuple.tuple("update", false));
  }

  @Test
  void oneObjectFromKindNameAndDefinitionRegistersMethodAndResultAtTheTopAndAFieldManagerOwnsItsFields()
      throws Exception {
    Map<String, Object> args = Map.of("kind", "ConfigMap", "name", "settings", "namespace", "default",
        "definition", Map.of("data", Map.of("color", "blue")),
        "server_side_apply", Map.of("field_manager", "ansible-team"));

    var created = runner.apply(k8s, args);

    assertThat(created.data()).containsEntry("method", "create");
    assertThat(objectAt(created.data(), "data")).isEqualTo(Map.of("color", "blue"));
    assertThat(KUBE.client().configMaps().inNamespace("default").withName("settings").get().getMetadata()
        .getManagedFields()).anyMatch(f -> "ansible-team".equals(f.getManager()));
    var again = runner.apply(k8s, args);
    assertThat(again.changed()).isFalse();
    assertThat(again.data()).containsEntry("method", "update");

    // a field another manager owns is a conflict naming it; force_conflicts takes it over
    Map<String, Object> mine = Map.of("kind", "ConfigMap", "name", "settings", "namespace", "default",
        "definition", Map.of("data", Map.of("color", "red")));
    assertThatThrownBy(() -> runner.plan(k8s, mine)).isInstanceOf(ModuleException.class)
        .hasMessageContaining("owned by field manager `ansible-team`");
    var forced = runner.apply(k8s, Map.of("kind", "ConfigMap", "name", "settings", "namespace", "default",
        "definition", Map.of("data", Map.of("color", "red")),
        "server_side_apply", Map.of("field_manager", "provision", "force_conflicts", true)));
    assertThat(forced.changed()).isTrue();
    assertThat(KUBE.client().configMaps().inNamespace("default").withName("settings").get().getData())
        .containsEntry("color", "red");
  }

  @Test
  void statePatchedPatchesOnlyWhatExistsFallingBackToAMergePatchForACustomResource() throws Exception {
    runner.apply(k8s, Map.of("definition", Widgets.crd("patch.example.com")));
    Map<String, Object> patch = Map.of("state", "patched", "api_version", "patch.example.com/v1", "kind", "Widget",
        "name", "p1", "namespace", "default", "definition", Map.of("spec", Map.of("size", 7)));

    var missing = runner.apply(k8s, patch);
    assertThat(missing.changed()).isFalse();
    assertThat(missing.data().get("warnings")).asList().singleElement().asString()
        .contains("was not found but will not be created");

    runner.apply(k8s, Map.of("definition", "apiVersion: patch.example.com/v1\nkind: Widget\nmetadata:\n  name: p1\n"
        + "  namespace: default\n  labels: {keep: me}\nspec:\n  size: 1\n"));
    var plan = runner.plan(k8s, patch);
    assertThat(plan.message()).isEqualTo("would patch Widget default/p1 (merge patch)");
    assertThat(plan.plan().diffs()).singleElement().satisfies(d -> {
      assertThat(d.before()).contains("size: 1");
      assertThat(d.after()).contains("size: 7").contains("keep: me");
    });
    assertThat(runner.apply(k8s, patch).changed()).isTrue();
    assertThat(runner.apply(k8s, patch).changed()).isFalse();
    GenericKubernetesResource w = KUBE.client().genericKubernetesResources("patch.example.com/v1", "Widget")
        .inNamespace("default").withName("p1").get();
    assertThat(w.<Object>get("spec", "size")).isEqualTo(7);
    assertThat(w.getMetadata().getLabels()).containsEntry("keep", "me");
  }

  @Test
  void forceReplacesTheObjectSoThatFieldsLeftOutAreGone() throws Exception {
    KubernetesClient client = KUBE.client();
    runner.apply(k8s, Map.of("definition", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: replaced\n"
        + "  namespace: default\ndata: {a: '1', b: '2'}\n"));
    Map<String, Object> args = Map.of("force", true, "definition", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: replaced\n  namespace: default\ndata: {a: '1'}\n");

    var plan = runner.plan(k8s, args);
    assertThat(plan.message()).isEqualTo("would replace ConfigMap default/replaced");
    var applied = runner.apply(k8s, args);
    assertThat(applied.data()).containsEntry("method", "replace");
    assertThat(client.configMaps().inNamespace("default").withName("replaced").get().getData()).isEqualTo(Map.of("a", "1"));
    assertThat(runner.apply(k8s, args).changed()).isFalse();
  }

  @Test
  void stateAbsentWithDeleteOptionsAndWaitDeletesAndARerunChangesNothing() throws Exception {
    runner.apply(k8s, Map.of("definition", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gone\n"
        + "  namespace: default\n"));
    Map<String, Object> args = Map.of("state", "absent", "kind", "ConfigMap", "name", "gone", "namespace", "default",
        "wait", true, "delete_options", Map.of("propagationPolicy", "Foreground", "gracePeriodSeconds", 0));

    var plan = runner.plan(k8s, args);
    assertThat(plan.message()).isEqualTo("would delete ConfigMap default/gone");
    assertThat(plan.plan().actions()).singleElement().satisfies(a -> assertThat(a.describe())
        .isEqualTo("delete ConfigMap default/gone (foreground propagation), then wait up to 2m until it is gone"));
    var deleted = runner.apply(k8s, args);
    assertThat(deleted.data()).containsEntry("method", "delete").containsKey("duration");
    assertThat(KUBE.client().configMaps().inNamespace("default").withName("gone").get()).isNull();
    var again = runner.apply(k8s, args);
    assertThat(again.changed()).isFalse();
    assertThat(again.message()).isEqualTo("1 object absent");

    assertThatThrownBy(() -> runner.plan(k8s, Map.of("state", "absent", "kind", "ConfigMap", "name", "x",
        "delete_options", Map.of("propagationPolicy", "Sideways"))))
        .hasMessageContaining("propagationPolicy must be one of Foreground, Background, Orphan, not `Sideways`");
  }

  @Test
  void waitConditionWaitsForTheConditionAndThenTheObjectIsOk() throws Exception {
    runner.apply(k8s, Map.of("definition", Widgets.crd("wait.example.com")));
    established("wait.example.com");
    Map<String, Object> args = Map.of("definition", "apiVersion: wait.example.com/v1\nkind: Widget\nmetadata:\n"
        + "  name: slow\n  namespace: default\nspec:\n  size: 1\n", "wait", true, "wait_timeout", 30,
        "wait_condition", Map.of("type", "Ready", "status", true));
    Thread controller = new Thread(() -> {
      // a context of our own: the client's discovery could run before the new CRD is served
      var widgets = KUBE.client().genericKubernetesResources(new ResourceDefinitionContext.Builder()
          .withGroup("wait.example.com").withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true)
          .build()).inNamespace("default");
      for (int i = 0; i < 100 && widgets.withName("slow").get() == null; i++) {
        sleep(100);
      }
      sleep(1000);
      widgets.withName("slow").patch(PatchContext.of(PatchType.JSON_MERGE),
          "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"Done\"}]}}");
    });
    controller.start();

    var applied = runner.apply(k8s, args);
    controller.join();

    assertThat(applied.plan().actions()).hasSize(2);
    assertThat(applied.plan().actions().get(1).describe()).isEqualTo("wait up to 30s for Widget default/slow Ready=True");
    assertThat(applied.data()).containsEntry("method", "create").containsKey("duration");
    assertThat(runner.progress()).anyMatch(l -> l.contains("no Ready condition"));
    var rerun = runner.apply(k8s, args);
    assertThat(rerun.changed()).as("the object is as asked and its condition holds").isFalse();

    assertThatThrownBy(() -> runner.plan(k8s, Map.of("kind", "Widget", "api_version", "wait.example.com/v1",
        "name", "slow", "namespace", "default", "wait", true, "wait_condition", Map.of("status", "True"))))
        .hasMessageContaining("wait_condition needs a type");
  }

  @Test
  void continueOnErrorReportsTheObjectThatFailedAndGoesOn() throws Exception {
    runner.apply(k8s, Map.of("definition", Widgets.crd("err.example.com")));
    established("err.example.com");
    String two = "apiVersion: err.example.com/v1\nkind: Widget\nmetadata:\n  name: bad\n  namespace: default\n"
        + "spec:\n  size: big\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n  namespace: default\n";

    assertThatThrownBy(() -> runner.plan(k8s, Map.of("definition", two))).isInstanceOf(ModuleException.class)
        .hasMessageContaining("spec.size");
    var applied = runner.apply(k8s, Map.of("definition", two, "continue_on_error", true));

    List<Map<String, Object>> results = results(applied.data());
    assertThat(results.get(0)).containsKey("error");
    assertThat(results.get(0).get("error").toString()).contains("spec.size");
    assertThat(results.get(1)).containsEntry("method", "create").containsEntry("changed", true);
    assertThat(KUBE.client().configMaps().inNamespace("default").withName("fine").get()).isNotNull();
  }

  @Test
  void labelSelectorsLeaveOutObjectsWhoseLabelsDoNotMatch() throws Exception {
    String two = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-cm\n  namespace: default\n"
        + "  labels: {app: web}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db-cm\n  namespace: default\n"
        + "  labels: {app: db}\n";
    var applied = runner.apply(k8s, Map.of("definition", two, "label_selectors", List.of("app in (web, api)")));
    assertThat(KUBE.client().configMaps().inNamespace("default").withName("web-cm").get()).isNotNull();
    assertThat(KUBE.client().configMaps().inNamespace("default").withName("db-cm").get()).isNull();
    assertThat(results(applied.data()).get(1).get("msg").toString()).contains("filtered by label_selectors");
    assertThatThrownBy(() -> runner.plan(k8s, Map.of("definition", two, "label_selectors", List.of("app=web&x=1"))))
        .hasMessageContaining("is not a label selector");
  }

  @Test
  void k8sInfoReadsListsFiltersAndSaysWhetherTheApiIsFound() throws Exception {
    runner.apply(k8s, Map.of("definition", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: info-a\n"
        + "  namespace: default\n  labels: {team: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: info-b\n  namespace: default\n  labels: {team: b}\n"));

    var one = runner.plan(info, Map.of("kind", "ConfigMap", "name", "info-a", "namespace", "default"));
    assertThat(one.changed()).isFalse();
    assertThat(one.plan().result()).containsEntry("api_found", true);
    assertThat(names(one.plan().result())).containsExactly("info-a");

    var labelled = runner.plan(info, Map.of("kind", "ConfigMap", "namespace", "default", "label_selectors",
        List.of("team=b")));
    assertThat(names(labelled.plan().result())).containsExactly("info-b");
    var fielded = runner.plan(info, Map.of("kind", "ConfigMap", "namespace", "default", "field_selectors",
        List.of("metadata.name=info-a")));
    assertThat(names(fielded.plan().result())).containsExactly("info-a");

    var unknown = runner.plan(info, Map.of("kind", "Gadget", "api_version", "nowhere.example.com/v1"));
    assertThat(unknown.plan().result()).containsEntry("api_found", false).containsEntry("resources", List.of());

    assertThatThrownBy(() -> runner.planAfterChanges(info, Map.of("kind", "ConfigMap", "name", "later", "namespace",
        "default", "wait", true))).hasMessageStartingWith("known after apply: ConfigMap default/later is not present yet");
  }

  @Test
  void k8sJsonPatchRemovesFinalizersThenThePatchIsARefusalNotAFalseChange() throws Exception {
    runner.apply(k8s, Map.of("definition", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n"
        + "  namespace: default\n  finalizers: [example.com/keep]\n"));
    Map<String, Object> args = Map.of("kind", "ConfigMap", "name", "held", "namespace", "default",
        "patch", List.of(Map.of("op", "remove", "path", "/metadata/finalizers")));

    var plan = runner.plan(jsonPatch, args);
    assertThat(plan.message()).isEqualTo("would patch ConfigMap default/held (JSON patch)");
    var applied = runner.apply(jsonPatch, args);
    assertThat(applied.data()).containsEntry("method", "patch");
    assertThat(KUBE.client().configMaps().inNamespace("default").withName("held").get().getMetadata().getFinalizers())
        .isEmpty();
    Map<String, Object> add = Map.of("kind", "ConfigMap", "name", "held", "namespace", "default",
        "patch", List.of(Map.of("op", "add", "path", "/data", "value", Map.of("k", "v"))));
    assertThat(runner.apply(jsonPatch, add).changed()).isTrue();
    assertThat(runner.apply(jsonPatch, add).changed()).as("adding what is there changes nothing").isFalse();
  }

  /** Until the Widget CRD of this group is served: a custom resource planned before is "CRD not yet installed". */
  private static void established(String group) {
    KUBE.client().apiextensions().v1().customResourceDefinitions().withName("widgets." + group)
        .waitUntilCondition(OrderedApply::established, 30, TimeUnit.SECONDS);
  }

  @SuppressWarnings("unchecked")
  @Test
  void underDiffAnUpdatedObjectRegistersKubernetesCoresDiffInThePlanAndTheApplyAlikeAndACreatedOneNone()
      throws Exception {
    try (KubeModuleRunner diffing = new KubeModuleRunner(KUBE).var("ansible_diff_mode", true)) {
      Map<String, Object> blue = Map.of("kind", "ConfigMap", "name", "diffed", "namespace", "default",
          "definition", Map.of("data", Map.of("color", "blue", "size", "3")));
      Map<String, Object> green = Map.of("kind", "ConfigMap", "name", "diffed", "namespace", "default",
          "definition", Map.of("data", Map.of("color", "green", "size", "3")));

      var created = diffing.apply(k8s, blue);
      assertThat(created.data()).containsEntry("method", "create").doesNotContainKey("diff");

      Map<String, Object> expected = Map.of("before", Map.of("data", Map.of("color", "blue")),
          "after", Map.of("data", Map.of("color", "green")));
      var plan = diffing.plan(k8s, green);
      assertThat(plan.plan().result()).containsEntry("method", "update").containsEntry("diff", expected);
      var applied = diffing.apply(k8s, green);
      assertThat(applied.changed()).isTrue();
      assertThat(applied.data()).containsEntry("diff", expected);

      var again = diffing.apply(k8s, green);
      assertThat(again.changed()).isFalse();
      assertThat(again.data()).containsEntry("diff", Map.of());

      var deleted = diffing.apply(k8s, Map.of("state", "absent", "kind", "ConfigMap", "name", "diffed",
          "namespace", "default"));
      assertThat(deleted.data()).containsEntry("method", "delete").doesNotContainKey("diff");
    }
    // without --diff nothing registers one
    runner.apply(k8s, Map.of("kind", "ConfigMap", "name", "plain", "namespace", "default",
        "definition", Map.of("data", Map.of("a", "1"))));
    assertThat(runner.apply(k8s, Map.of("kind", "ConfigMap", "name", "plain", "namespace", "default",
        "definition", Map.of("data", Map.of("a", "2")))).data()).doesNotContainKey("diff");
  }

  private static List<Map<String, Object>> results(Map<String, Object> data) {
    return (List<Map<String, Object>>) ((Map<String, Object>) data.get("result")).get("results");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> objectAt(Map<String, Object> entry, String key) {
    return (Map<String, Object>) ((Map<String, Object>) entry.get("result")).get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<String> names(Map<String, Object> result) {
    return ((List<Map<String, Object>>) result.get("resources")).stream()
        .map(r -> String.valueOf(((Map<String, Object>) r.get("metadata")).get("name"))).toList();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
