package dev.provision.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The KubeVirt operator manifests of the lab's release mirror (the project's stand-ins, or the real release files
 * under $PROVISION_KUBEVIRT_RELEASES) apply on the real kube-apiserver 1.20, in kube_apply's order: the guide's
 * ten objects in the guide's order, the KubeVirt CRD Established, virt-operator with 2 replicas.
 */
class KubeVirtOperatorManifestTest {

  @TestFactory
  Stream<DynamicTest> operatorManifestAppliesAndEstablishesTheKubeVirtCrd() {
    KubeVirtReleases releases = KubeVirtReleases.required();
    return releases.versions().stream().map(version -> DynamicTest.dynamicTest(version,
        () -> appliesOnAFreshApiServer(releases, version)));
  }

  private static void appliesOnAFreshApiServer(KubeVirtReleases releases, String version) throws Exception {
    try (KubeApiServerFixture kube = KubeApiServerFixture.started()) {
      KubernetesClient client = kube.client();
      List<HasMetadata> objects;
      try (InputStream in = Files.newInputStream(releases.operator(version))) {
        objects = client.load(in).items();
      }
      assertThat(objects.get(0)).isInstanceOf(Namespace.class)
          .extracting(o -> o.getMetadata().getName()).isEqualTo("kubevirt");
      // the guide's `kubectl create -f kubevirt-operator.yaml` output, in its order
      assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
          "Namespace/kubevirt", "CustomResourceDefinition/kubevirts.kubevirt.io",
          "PriorityClass/kubevirt-cluster-critical", "ClusterRole/kubevirt.io:operator",
          "ServiceAccount/kubevirt-operator", "Role/kubevirt-operator",
          "RoleBinding/kubevirt-operator-rolebinding", "ClusterRole/kubevirt-operator",
          "ClusterRoleBinding/kubevirt-operator", "Deployment/virt-operator");

      List<HasMetadata> applied = new OrderedApply(client).apply(objects, false);

      assertThat(applied).hasSameSizeAs(objects);
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
          .withName("kubevirts.kubevirt.io").get();
      assertThat(OrderedApply.established(crd)).as("KubeVirt CRD Established").isTrue();
      Deployment operator = client.apps().deployments().inNamespace("kubevirt").withName("virt-operator").get();
      assertThat(operator).as("virt-operator Deployment").isNotNull();
      assertThat(operator.getSpec().getReplicas()).isEqualTo(2);
      assertThat(operator.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .endsWith("/virt-operator:" + version);

      // a second, dry-run apply of the same manifest is a no-op object by object: what makes a plan say "ok".
      // kube-controller-manager writes the Deployment's status meanwhile, so compare against a read before and
      // after the dry run that agree (a status write in between means: try again).
      for (HasMetadata object : objects) {
        String before = null;
        String dryRunVersion = null;
        for (int attempt = 0; attempt < 20; attempt++) {
          before = client.resource(object).get().getMetadata().getResourceVersion();
          dryRunVersion = new OrderedApply(client).apply(List.of(object), true).get(0).getMetadata().getResourceVersion();
          String after = client.resource(object).get().getMetadata().getResourceVersion();
          if (before.equals(after)) {
            break;
          }
          Thread.sleep(250);
        }
        assertThat(dryRunVersion)
            .as("dry-run resourceVersion of %s %s", object.getKind(), object.getMetadata().getName())
            .isEqualTo(before);
      }
    }
  }
}
