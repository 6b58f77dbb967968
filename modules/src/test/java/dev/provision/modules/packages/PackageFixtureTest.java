package dev.provision.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.module.ExecAction;
import dev.provision.module.ModuleException;
import dev.provision.module.Plan;
import dev.provision.modules.testsupport.CannedHost;
import dev.provision.modules.testsupport.Fixture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Params and canned fact output in, exact commands or noop reason out (own-fixtures/package/*.yaml). */
class PackageFixtureTest {

  private final PackageModule module = new PackageModule();

  static Stream<Fixture> fixtures() {
    return Fixture.all("package");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void planMatchesFixture(Fixture fixture) throws Exception {
    CannedHost host = fixture.host();
    if (fixture.get("error") != null) {
      assertThatThrownBy(() -> fixture.plan(module, host))
          .isInstanceOf(ModuleException.class)
          .hasMessageContaining((String) fixture.get("error"));
      return;
    }
    Plan plan = fixture.plan(module, host);
    if (fixture.get("noop") != null) {
      assertThat(plan.actions()).isEmpty();
      assertThat(plan.message()).isEqualTo(fixture.get("noop"));
    } else {
      assertThat(Fixture.commands(plan)).isEqualTo(fixture.get("commands"));
      assertThat(plan.message()).isEqualTo(fixture.get("message"));
    }
    long installedQueries = host.factKeys().stream().filter(k -> k.endsWith(".packages")).count();
    assertThat(installedQueries).as("installed packages are read once").isEqualTo(1);
  }

  @Test
  void planDescribesEachActionByThePackagesItTouches() throws Exception {
    CannedHost host = new CannedHost().var("ansible_pkg_mgr", "dnf").output("rpm.packages", "");
    Plan plan = module.plan(module.schema().bind("package", java.util.Map.of("name", "qemu-kvm,libvirt")), host);

    assertThat(plan.actions()).extracting(a -> a.describe()).containsExactly("install qemu-kvm, libvirt");
    assertThat(plan.result()).containsEntry("install", java.util.List.of("qemu-kvm", "libvirt"))
        .containsEntry("manager", "dnf");
    assertThat(plan.diffs().get(0).after()).isEqualTo("qemu-kvm (to be installed)\nlibvirt (to be installed)\n");
  }

  @Test
  void namesThatNeedQuotingNeverReachTheCommand() throws Exception {
    // Every accepted character is shell-safe, so Shell.quote leaves names bare; the check is what protects.
    CannedHost host = new CannedHost().var("ansible_pkg_mgr", "dnf").output("rpm.packages", "");
    Plan plan = module.plan(module.schema().bind("package", java.util.Map.of("name", "g++,libstdc++6")), host);

    assertThat(((ExecAction) plan.actions().get(0)).command()).isEqualTo("dnf -y install g++ libstdc++6");
    for (String bad : new String[] {"a b", "$(id)", "`id`", "x|y", "x>y", "'q'", "-y"}) {
      assertThatThrownBy(() -> module.plan(module.schema().bind("package", java.util.Map.of("name", java.util.List.of(bad))), host))
          .as(bad).hasMessageContaining("is not a package name");
    }
  }
}
