package dev.provision.it.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * KubeVirt objects for the module tests: the newest real release operator manifest when one is in
 * src/test/resources/kubevirt (see its README), else the stand-in kube/kubevirt-operator-standin.yaml, and the
 * KubeVirt CR and labs VM of kube/. Applied in kube_apply's order (namespaces and CRDs first, CRDs Established).
 */
final class KubeVirtLab {
  private final KubernetesClient client;

  KubeVirtLab(KubernetesClient client) {
    this.client = client;
  }

  /** The operator manifest's objects; says which file it is. */
  List<HasMetadata> operatorObjects() {
    Optional<KubeVirtReleases> releases = KubeVirtReleases.locate();
    List<String> versions = releases.map(KubeVirtReleases::versions).orElse(List.of());
    if (!versions.isEmpty()) {
      String version = versions.get(versions.size() - 1);
      System.out.println("KubeVirt operator manifest: release " + version);
      try (InputStream in = Files.newInputStream(releases.orElseThrow().operator(version))) {
        return client.load(in).items();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    System.out.println("KubeVirt operator manifest: the stand-in kube/kubevirt-operator-standin.yaml"
        + " (no release files in src/test/resources/kubevirt)");
    return resource("kube/kubevirt-operator-standin.yaml");
  }

  void applyOperator() {
    new OrderedApply(client).apply(operatorObjects(), false);
  }

  void applyKubeVirtCr() {
    new OrderedApply(client).apply(resource("kube/kubevirt-cr.yaml"), false);
  }

  void applyTestVm(String namespace) {
    List<HasMetadata> vm = resource("kube/vm.yaml");
    vm.forEach(o -> o.getMetadata().setNamespace(namespace));
    new OrderedApply(client).apply(vm, false);
  }

  List<HasMetadata> resource(String path) {
    try (InputStream in = KubeVirtLab.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + path + " is missing");
      }
      return client.load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
