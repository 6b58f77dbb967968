package dev.provision.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.gate.RealParts;
import dev.provision.module.ExecAction;
import dev.provision.module.Plan;
import dev.provision.module.testing.ShellConnection;
import dev.provision.module.testing.TestHost;
import dev.provision.module.Mode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real dpkg-query and os-release on this Debian machine, plans only: applying would change the
 * shared machine's own packages. (apt-get itself is covered by fixtures.)
 */
class PackageAptRealTest {

  private final PackageModule module = new PackageModule();
  private final TestHost host = TestHost.live(Mode.APPLY, 
      new ShellConnection(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")), Map.of());

  @BeforeEach
  void needsDebian() {
    RealParts.requirePrograms("dpkg", "dpkg-query", "apt-get");
  }

  private Plan plan(Map<String, Object> params) throws Exception {
    return module.plan(module.schema().bind("package", params), host);
  }

  @Test
  void autoPicksAptOnThisDebianHostAndSeesItsInstalledPackages() throws Exception {
    // dpkg is essential on Debian: always installed. This name is never a real package.
    Plan installed = plan(Map.of("name", "dpkg"));
    Plan missing = plan(Map.of("name", "dpkg,provision-no-such-package"));

    assertThat(installed.result()).containsEntry("manager", "apt");
    assertThat(installed.message()).isEqualTo("package dpkg is installed");
    assertThat(((ExecAction) missing.actions().get(0)).command())
        .isEqualTo("DEBIAN_FRONTEND=noninteractive apt-get install -y provision-no-such-package");
    assertThat(host.factRuns()).as("probe and dpkg-query, each once").isEqualTo(2);
  }

  @Test
  void absentPlansTheRemovalOfAnInstalledPackageWithoutDoingIt() throws Exception {
    Plan remove = plan(Map.of("name", "dpkg", "state", "absent"));

    assertThat(remove.message()).isEqualTo("remove dpkg");
    assertThat(remove.diffs().get(0).before()).startsWith("dpkg ");
    assertThat(plan(Map.of("name", "dpkg")).actions()).as("still installed").isEmpty();
  }

  @Test
  void theAnsibleNameAptPlansWithAptWhateverTheFactsSay() throws Exception {
    AptModule apt = new AptModule();
    TestHost redHat = TestHost.live(Mode.APPLY, new ShellConnection(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")),
        Map.of("ansible_pkg_mgr", "dnf"));
    Plan installed = apt.plan(apt.schema().bind("apt", Map.of("name", "dpkg", "state", "present")), redHat);
    assertThat(installed.result()).containsEntry("manager", "apt");
    assertThat(installed.message()).isEqualTo("package dpkg is installed");
    Plan remove = apt.plan(apt.schema().bind("apt", Map.of("name", "dpkg", "state", "absent")), redHat);
    assertThat(remove.message()).isEqualTo("remove dpkg");
  }
}
