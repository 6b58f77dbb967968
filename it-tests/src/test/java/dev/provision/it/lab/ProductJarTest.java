package dev.provision.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.gate.RealParts;
import dev.provision.lab.layout.LabLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The jar ./provision runs is the product alone: no lab, no simulated kubelet; the lab has a jar of its own. */
class ProductJarTest {

  @Test
  void theProductJarHoldsTheCliAndModulesButNoLab() throws Exception {
    List<String> names = entries("cli/target/provision.jar");

    assertThat(names).contains("dev/provision/cli/Main.class", "dev/provision/cli/LabCommand.class")
        .anyMatch(n -> n.startsWith("dev/provision/modules/kube/"));
    assertThat(names).noneMatch(n -> n.startsWith("dev/provision/lab/"))
        .noneMatch(n -> n.startsWith("dev/provision/cli/lab/"))
        .noneMatch(n -> n.contains("FakeKubelet") || n.contains("SimulatedControllers"));
  }

  @Test
  void theLabJarHoldsTheLabAndItsSimulatorsButNoProductCode() throws Exception {
    List<String> names = entries("lab/target/provision-lab.jar");

    assertThat(names).contains("dev/provision/lab/LabCommand.class", "dev/provision/lab/sim/FakeKubelet.class")
        .anyMatch(n -> n.startsWith("io/fabric8/kubernetes/client/"));
    assertThat(names).noneMatch(n -> n.startsWith("dev/provision/cli/") || n.startsWith("dev/provision/modules/")
        || n.startsWith("dev/provision/run/") || n.startsWith("dev/provision/connection/"))
        .noneMatch(n -> n.startsWith("org/junit/"));
    try (JarFile jar = new JarFile(LabLayout.here().repo().resolve("lab/target/provision-lab.jar").toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("dev.provision.lab.LabCommand");
    }
  }

  /** The entries of a jar the build made (relative to the repository). */
  private static List<String> entries(String relative) throws IOException {
    Path jar = LabLayout.here().repo().resolve(relative);
    RealParts.require(Files.isRegularFile(jar), jar + " is not built (mvn package, or mvn verify)");
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(ZipEntry::getName).toList();
    }
  }
}
