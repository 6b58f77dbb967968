package dev.provision.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the kube modules rely on, checked against the real kube-apiserver 1.20 (not the fabric8 mock server). */
class KubeApiServerSmokeTest {
  private static final String MANAGER = "provision";
  private static final String NS = "smoke";
  private static final String WIDGET_API = "lab.provision.dev/v1";

  @RegisterExtension
  static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

  private static KubernetesClient client;

  @BeforeAll
  static void namespace() {
    client = KUBE.client();
    System.out.println("kube-apiserver " + client.getKubernetesVersion().getGitVersion() + " at " + KUBE.server()
        + " started in " + KUBE.startup().toMillis() + " ms");
    // a label: an applied object whose only field is its name gets no managedFields entry
    apply(new NamespaceBuilder().withNewMetadata().withName(NS).addToLabels("app.kubernetes.io/managed-by", MANAGER)
        .endMetadata().build());
  }

  @Test
  void serverSideApplyRecordsProvisionAsTheFieldManager() {
    ConfigMap applied = apply(configMap("owned", Map.of("a", "1")));

    assertThat(applied.getData()).containsEntry("a", "1");
    assertThat(applied.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .contains(tuple(MANAGER, "Apply"));
    Namespace namespace = client.namespaces().withName(NS).get();
    assertThat(namespace.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .contains(MANAGER);
  }

  @Test
  void reapplyingTheSameContentDoesNotWrite() {
    String first = apply(configMap("same", Map.of("a", "1"))).getMetadata().getResourceVersion();
    String second = apply(configMap("same", Map.of("a", "1"))).getMetadata().getResourceVersion();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void dryRunApplyTellsUnchangedFromChangedWithoutWriting() {
    String stored = apply(configMap("dry", Map.of("a", "1"))).getMetadata().getResourceVersion();

    ConfigMap unchanged = client.resource(configMap("dry", Map.of("a", "1"))).dryRun()
        .fieldManager(MANAGER).forceConflicts().serverSideApply();
    ConfigMap changed = client.resource(configMap("dry", Map.of("a", "2"))).dryRun()
        .fieldManager(MANAGER).forceConflicts().serverSideApply();

    assertThat(unchanged.getMetadata().getResourceVersion()).isEqualTo(stored);
    assertThat(changed.getData()).containsEntry("a", "2");
    ConfigMap after = client.configMaps().inNamespace(NS).withName("dry").get();
    assertThat(after.getData()).containsEntry("a", "1");
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(stored);
  }

  @Test
  void anotherManagerConflictsUnlessForced() {
    apply(configMap("contested", Map.of("a", "1")));
    ConfigMap rival = configMap("contested", Map.of("a", "2"));

    assertThatThrownBy(() -> client.resource(rival).fieldManager("someone-else").serverSideApply())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
    ConfigMap forced = client.resource(rival).fieldManager("someone-else").forceConflicts().serverSideApply();
    assertThat(forced.getData()).containsEntry("a", "2");
  }

  @Test
  void mergePatchWithNullRemovesTheKey() {
    apply(configMap("patched", Map.of("a", "1", "b", "1")));

    ConfigMap patched = client.configMaps().inNamespace(NS).withName("patched")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":null,\"b\":\"2\"}}");

    assertThat(patched.getData()).containsExactly(Map.entry("b", "2"));
  }

  @Test
  void customResourceDefinitionBecomesEstablishedAndValidatesItsResources() {
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
        .load(new ByteArrayInputStream(Widgets.crd("lab.provision.dev").getBytes(StandardCharsets.UTF_8))).item();
    apply(crd);

    CustomResourceDefinition established = client.apiextensions().v1().customResourceDefinitions()
        .withName("widgets.lab.provision.dev")
        .waitUntilCondition(OrderedApply::established,
            30, TimeUnit.SECONDS);
    assertThat(established).isNotNull();
    // Established is set before the group shows in discovery, which the generic client reads first
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      client.getApiResources(WIDGET_API) == null && System.nanoTime() < end; ) {
      Thread.yield();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    GenericKubernetesResource widget = widget(Map.of("size", 3));
    GenericKubernetesResource stored = client.genericKubernetesResources(WIDGET_API, "Widget").inNamespace(NS)
        .resource(widget).fieldManager(MANAGER).forceConflicts().serverSideApply();
    assertThat(stored.get("spec", "size").toString()).isEqualTo("3");
    // 1.20 answers a schema type error in an apply with 500 (not 422); the client must not retry it for 20 s
    try (KubernetesClient noRetry = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
        .withRequestRetryBackoffLimit(0).build()).build()) {
      assertThatThrownBy(() -> noRetry.genericKubernetesResources(WIDGET_API, "Widget").inNamespace(NS)
          .resource(widget(Map.of("size", "big"))).fieldManager(MANAGER).forceConflicts().serverSideApply())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining(".spec.size: expected numeric")
          .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(500));
    }
  }

  @Test
  void controllerManagerTurnsADeploymentIntoPods() {
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(2)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("registry.invalid/web:1").endContainer()
        .endSpec().endTemplate().endSpec().build();
    apply(deployment);

    client.pods().inNamespace(NS).withLabel("app", "web")
        .informOnCondition(pods -> pods.size() == 2).orTimeout(60, TimeUnit.SECONDS).join();
    assertThat(client.apps().replicaSets().inNamespace(NS).withLabel("app", "web").list().getItems()).hasSize(1);
  }

  private static <T extends HasMetadata> T apply(T object) {
    return client.resource(object).fieldManager(MANAGER).forceConflicts().serverSideApply();
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withData(data).build();
  }

  private static GenericKubernetesResource widget(Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withApiVersion(WIDGET_API).withKind("Widget")
        .withNewMetadata().withName("w1").withNamespace(NS).endMetadata()
        .withAdditionalProperties(Map.of("spec", spec)).build();
  }
}
