package dev.provision.lab.sim;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * The KubeVirt kinds the simulation reads and writes. The KubeVirt CRD comes from the real operator manifest; the
 * VirtualMachine and VirtualMachineInstance CRDs are what the real virt-operator installs, here with an open
 * schema (any fields kept) and kubectl columns like KubeVirt's.
 */
final class KubeVirtKinds {

  static final String GROUP = "kubevirt.io";
  static final ResourceDefinitionContext KUBEVIRT = context("KubeVirt", "kubevirts");
  static final ResourceDefinitionContext VM = context("VirtualMachine", "virtualmachines");
  static final ResourceDefinitionContext VMI = context("VirtualMachineInstance", "virtualmachineinstances");
  /** CDI's cluster-wide custom resource (cdi.kubevirt.io/v1beta1). */
  static final ResourceDefinitionContext CDI = new ResourceDefinitionContext.Builder().withGroup("cdi.kubevirt.io")
      .withVersion("v1beta1").withKind("CDI").withPlural("cdis").withNamespaced(false).build();

  private KubeVirtKinds() {}

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion("v1").withKind(kind)
        .withPlural(plural).withNamespaced(true).build();
  }

  static String crdName(ResourceDefinitionContext kind) {
    return kind.getPlural() + "." + kind.getGroup();
  }

  /** What virt-operator would install for VMs and VMIs. */
  static List<CustomResourceDefinition> workloadCrds() {
    return List.of(
        crd(VM, "vm", true, "VirtualMachine", List.of(
            column("Status", ".status.printableStatus"), column("Ready", ".status.ready"))),
        crd(VMI, "vmi", false, "VirtualMachineInstance", List.of(
            column("Phase", ".status.phase"), column("IP", ".status.interfaces[0].ipAddress"),
            column("NodeName", ".status.nodeName"),
            column("Ready", ".status.conditions[?(@.type=='Ready')].status"))));
  }

  private static CustomResourceDefinition crd(ResourceDefinitionContext kind, String shortName, boolean statusSub,
      String singularKind, List<io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition> cols) {
    var version = new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder()
        .withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema().endSchema()
        .addAllToAdditionalPrinterColumns(cols)
        .addNewAdditionalPrinterColumn().withName("Age").withType("date").withJsonPath(".metadata.creationTimestamp")
        .endAdditionalPrinterColumn();
    if (statusSub) {
      version.withNewSubresources().withNewStatus().endStatus().endSubresources();
    }
    return new CustomResourceDefinitionBuilder().withNewMetadata().withName(crdName(kind))
        .addToLabels("app.kubernetes.io/managed-by", "virt-operator").addToLabels(Writes.SIMULATED_LABEL, "true")
        .endMetadata()
        .withNewSpec().withGroup(GROUP).withScope("Namespaced")
        .withNewNames().withKind(singularKind).withPlural(kind.getPlural())
        .withSingular(singularKind.toLowerCase(java.util.Locale.ROOT)).withShortNames(shortName, shortName + "s")
        .withCategories("all").endNames()
        .withVersions(version.build()).endSpec().build();
  }

  private static io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition column(String name,
      String path) {
    return new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder()
        .withName(name).withType("string").withJsonPath(path).build();
  }
}
