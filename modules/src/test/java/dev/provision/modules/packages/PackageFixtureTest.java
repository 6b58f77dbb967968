package dev.provision.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.module.ExecAction;
import dev.provision.module.ModuleRegistry;
import dev.provision.module.Plan;
import dev.provision.module.testing.ModuleFixture;
import dev.provision.module.testing.ModuleFixtures;
import dev.provision.module.testing.TestHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the {@code package} fixtures (fixtures/package/, run with every other module's by
 * ModuleFixturesTest) cannot say on their own, and the plan's wording.
 */
class PackageFixtureTest {

  private final PackageModule module = new PackageModule();

  @Test
  void everyPlanReadsTheInstalledPackagesOnce() {
    List<ModuleFixture> planned = ModuleFixtures.under(Path.of("src/test/resources/fixtures/package"))
        .filter(f -> !f.spec().has("fails")).toList();
    assertThat(planned).hasSizeGreaterThanOrEqualTo(15);
    for (ModuleFixture fixture : planned) {
      TestHost host = ModuleFixtures.run(fixture, ModuleRegistry.load());
      assertThat(host.factKeys().stream().filter(k -> k.endsWith(".packages")))
          .as("installed-package reads of " + fixture).hasSize(1);
    }
  }

  @Test
  void planDescribesEachActionByThePackagesItTouches() throws Exception {
    TestHost host = new TestHost().var("ansible_pkg_mgr", "dnf").output("rpm.packages", "");
    Plan plan = module.plan(module.schema().bind("package", Map.of("name", "qemu-kvm,libvirt")), host);

    assertThat(plan.actions()).extracting(a -> a.describe()).containsExactly("install qemu-kvm, libvirt");
    assertThat(plan.result()).containsEntry("install", List.of("qemu-kvm", "libvirt"))
        .containsEntry("manager", "dnf");
    assertThat(plan.diffs().get(0).after()).isEqualTo("qemu-kvm (to be installed)\nlibvirt (to be installed)\n");
  }

  @Test
  void namesThatNeedQuotingNeverReachTheCommand() throws Exception {
    // Every accepted character is shell-safe, so Shell.quote leaves names bare; the check is what protects.
    TestHost host = new TestHost().var("ansible_pkg_mgr", "dnf").output("rpm.packages", "");
    Plan plan = module.plan(module.schema().bind("package", Map.of("name", "g++,libstdc++6")), host);

    assertThat(((ExecAction) plan.actions().get(0)).command()).isEqualTo("dnf -y install g++ libstdc++6");
    for (String bad : new String[] {"a b", "$(id)", "`id`", "x|y", "x>y", "'q'", "-y"}) {
      assertThatThrownBy(() -> module.plan(module.schema().bind("package", Map.of("name", List.of(bad))), host))
          .as(bad).hasMessageContaining("is not a package name");
    }
  }
}
