package dev.provision.lab.kube;

import dev.provision.lab.layout.LabLayout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * KubeVirt on a test API server, from the files {@code provision lab up} serves: the newest release's operator
 * manifest and KubeVirt CR ({@link KubeVirtReleases}: the lab's stand-ins, or the real files under
 * $PROVISION_KUBEVIRT_RELEASES), and the labs VM of lab/mirror/vm.yaml. Applied in kube_apply's order
 * ({@link OrderedApply}). Without release files the calling test is skipped, or fails under CI
 * ({@link KubeVirtReleases#required}).
 */
public final class KubeVirtLab {
  private final KubernetesClient client;

  public KubeVirtLab(KubernetesClient client) {
    this.client = client;
  }

  /** The operator manifest's objects; says which release it is. */
  public List<HasMetadata> operatorObjects() {
    KubeVirtReleases releases = KubeVirtReleases.required();
    System.out.println("KubeVirt operator manifest: release " + releases.newest() + " of " + releases.root());
    return load(releases.operator(releases.newest()));
  }

  public void applyOperator() {
    new OrderedApply(client).apply(operatorObjects(), false);
  }

  public void applyKubeVirtCr() {
    KubeVirtReleases releases = KubeVirtReleases.required();
    new OrderedApply(client).apply(load(releases.customResource(releases.newest())), false);
  }

  /** The labs VM {@code testvm} (legacy {@code running: false}), not applied. */
  public List<HasMetadata> testVm() {
    return load(LabLayout.here().mirrorSources().resolve("vm.yaml"));
  }

  public void applyTestVm(String namespace) {
    List<HasMetadata> vm = testVm();
    vm.forEach(o -> o.getMetadata().setNamespace(namespace));
    new OrderedApply(client).apply(vm, false);
  }

  private List<HasMetadata> load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return client.load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
