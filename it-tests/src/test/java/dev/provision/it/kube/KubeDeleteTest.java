package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.lab.kube.Widgets;
import dev.provision.module.ModuleException;
import dev.provision.modules.kube.KubeApplyModule;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kube_apply {@code state: absent} against a real kube-apiserver 1.20 (with its garbage collector): the plan
 * shows the delete, the apply waits until the object is gone, a finalizer that holds it is named with the
 * object, the propagation policy is the one asked for, and a rerun changes nothing.
 */
class KubeDeleteTest {

  @RegisterExtension
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  private static KubeModuleRunner runner;
  private final KubeApplyModule module = new KubeApplyModule();

  @BeforeAll
  static void crd() throws Exception {
    runner = new KubeModuleRunner(KUBE);
    runner.apply(new KubeApplyModule(), Map.of("definition", Widgets.crd("hold.example.com")));
  }

  @AfterAll
  static void close() {
    runner.close();
  }

  private static final String HELD = """
      apiVersion: hold.example.com/v1
      kind: Widget
      metadata:
        name: held
        namespace: default
        finalizers: [hold.example.com/cleanup]
      spec:
        size: 1
      """;

  @Test
  void aFinalizerThatHoldsTheObjectIsNamedWithTheObjectAndTheDeletionEndsOnceItIsRemoved() throws Exception {
    runner.apply(module, Map.of("definition", HELD));

    var plan = runner.plan(module, Map.of("definition", HELD, "state", "absent"));
    assertThat(plan.message()).isEqualTo("would delete Widget default/held");
    assertThat(plan.plan().actions()).singleElement().satisfies(a -> assertThat(a.describe())
        .isEqualTo("delete Widget default/held (background propagation), then wait up to 5m until it is gone"));

    assertThatThrownBy(() -> runner.apply(module, Map.of("definition", HELD, "state", "absent", "timeout", "2s")))
        .isInstanceOf(ModuleException.class)
        .hasMessageStartingWith("Widget default/held is still there 2s after its deletion: being deleted for ")
        .hasMessageContaining("It is held by finalizer hold.example.com/cleanup on Widget default/held")
        .hasMessageContaining("[{op: remove, path: /metadata/finalizers}]");
    assertThat(runner.progress()).anyMatch(line -> line.startsWith("Widget default/held still present: being deleted")
        && line.endsWith("held by finalizer hold.example.com/cleanup"));

    // a second run sees the deletion under way and only waits; the finalizer's controller removes it meanwhile
    var again = runner.plan(module, Map.of("definition", HELD, "state", "absent"));
    assertThat(again.message()).startsWith("would wait for the deletion of Widget default/held (being deleted for ")
        .endsWith("held by finalizer hold.example.com/cleanup)");
    Thread remover = new Thread(() -> {
      sleep(1000);
      widgets().withName("held").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
    });
    remover.start();
    var waited = runner.apply(module, Map.of("definition", HELD, "state", "absent", "timeout", "30s"));
    remover.join();
    assertThat(waited.changed()).isTrue();
    assertThat(widgets().withName("held").get()).isNull();

    var rerun = runner.apply(module, Map.of("definition", HELD, "state", "absent"));
    assertThat(rerun.changed()).isFalse();
    assertThat(rerun.message()).isEqualTo("1 object absent");
  }

  @Test
  void foregroundPropagationRemovesTheDependentsBeforeTheOwnerAndOrphanLeavesThem() throws Exception {
    KubernetesClient client = KUBE.client();
    for (String policy : new String[] {"Foreground", "Orphan"}) {
      String owner = "owner-" + policy.toLowerCase(java.util.Locale.ROOT);
      String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + owner + "\n  namespace: default\n";
      runner.apply(module, Map.of("definition", manifest));
      ConfigMap created = client.configMaps().inNamespace("default").withName(owner).get();
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName(owner + "-dependent").withNamespace("default").addNewOwnerReference().withApiVersion("v1")
          .withKind("ConfigMap").withName(owner).withUid(created.getMetadata().getUid()).withBlockOwnerDeletion(true)
          .endOwnerReference().endMetadata().build()).create();

      var deleted = runner.apply(module, Map.of("definition", manifest, "state", "absent",
          "propagation_policy", policy));

      assertThat(deleted.plan().actions()).singleElement().satisfies(a -> assertThat(a.describe())
          .startsWith("delete ConfigMap default/" + owner + " (" + policy.toLowerCase(java.util.Locale.ROOT)
              + " propagation)"));
      assertThat(client.configMaps().inNamespace("default").withName(owner).get()).isNull();
      ConfigMap dependent = client.configMaps().inNamespace("default").withName(owner + "-dependent").get();
      if (policy.equals("Foreground")) {
        // the owner went last: its dependents were gone before the wait ended
        assertThat(dependent).as("dependent after a foreground delete").isNull();
      } else {
        assertThat(dependent).as("dependent after an orphan delete").isNotNull();
        client.configMaps().inNamespace("default").withName(owner + "-dependent").waitUntilCondition(
            cm -> cm != null && cm.getMetadata().getOwnerReferences().isEmpty(), 30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aNameThatWouldLeaveTheRequestPathIsRefusedBeforeAnyRequest() {
    String sneaky = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ../../../api/v1/namespaces/kube-system\n"
        + "  namespace: default\n";
    assertThatThrownBy(() -> runner.apply(module, Map.of("definition", sneaky, "state", "absent")))
        .isInstanceOf(ModuleException.class)
        .hasMessageContaining("`../../../api/v1/namespaces/kube-system` is not a valid object name");
    assertThat(KUBE.client().namespaces().withName("kube-system").get()).isNotNull();
  }

  private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
      io.fabric8.kubernetes.api.model.GenericKubernetesResource,
      io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
      io.fabric8.kubernetes.client.dsl.Resource<io.fabric8.kubernetes.api.model.GenericKubernetesResource>> widgets() {
    return KUBE.client().genericKubernetesResources("hold.example.com/v1", "Widget").inNamespace("default");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
