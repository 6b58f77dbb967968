package dev.provision.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.lab.gate.RealParts;
import dev.provision.lab.layout.LabLayout;
import dev.provision.module.Plan;
import dev.provision.module.testing.ShellConnection;
import dev.provision.module.testing.TestHost;
import dev.provision.module.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real rpmbuild, createrepo_c, dnf and rpm: the lab's repository (lab/rpm) and one lab host made
 * by its wrapper script, whose bin folder comes first on PATH so the module's commands run as
 * they would on a Fedora host.
 */
class PackageDnfRealTest {

  private static final List<String> BOTH = List.of("qemu-kvm", "libvirt");
  private final PackageModule module = new PackageModule();
  @TempDir Path tmp;
  private Path specs;
  private Path repo;
  private ShellConnection shell;

  @BeforeEach
  void labHost() throws Exception {
    RealParts.requirePrograms("rpm createrepo-c dnf", "rpmbuild", "createrepo_c", "dnf", "rpm");
    Path lab = LabLayout.here().repo().resolve("lab/rpm");
    specs = Files.createDirectories(tmp.resolve("specs"));
    for (String spec : List.of("qemu-kvm.spec", "libvirt.spec")) {
      Files.copy(lab.resolve(spec), specs.resolve(spec));
    }
    repo = tmp.resolve("repo");
    Path hostRoot = tmp.resolve("host");
    ShellConnection setup = new ShellConnection(Map.of());
    sh(setup, lab.resolve("build-repo.sh") + " " + repo + " " + specs);
    sh(setup, lab.resolve("host-wrappers.sh") + " " + hostRoot + " " + repo);
    shell = new ShellConnection(Map.of("PATH", hostRoot.resolve("bin") + ":/usr/sbin:/usr/bin:/sbin:/bin"));
  }

  private static CommandResult sh(ShellConnection connection, String script) throws Exception {
    CommandResult r = connection.run(Command.of(script));
    assertThat(r.exitCode()).as(script + "\n" + r.stdout() + r.stderr()).isZero();
    return r;
  }

  private Plan plan(TestHost host, Map<String, Object> params) throws Exception {
    return module.plan(module.schema().bind("package", params), host);
  }

  private TestHost host() {
    return TestHost.live(Mode.APPLY, shell, Map.of("ansible_pkg_mgr", "dnf"));
  }

  @Test
  void planPredictsTheInstallApplyDoesItAndTheSecondPlanIsANoop() throws Exception {
    TestHost host = host().become(true);
    Plan first = plan(host, Map.of("name", BOTH));
    assertThat(first.message()).isEqualTo("install qemu-kvm, libvirt");
    assertThat(sh(shell, "rpm -qa").stdout()).as("planning installs nothing").isBlank();

    long start = System.nanoTime();
    host.apply(first);
    System.err.printf("dnf install of 2 packages: %d ms%n", (System.nanoTime() - start) / 1_000_000);

    Plan second = plan(host, Map.of("name", BOTH));
    assertThat(second.actions()).isEmpty();
    assertThat(second.message()).isEqualTo("packages qemu-kvm, libvirt are installed");
    assertThat(sh(shell, "rpm -q qemu-kvm libvirt").stdout())
        .isEqualTo("qemu-kvm-7.2.0-1.lab.noarch\nlibvirt-9.0.0-1.lab.noarch\n");
    assertThat(shell.commands()).filteredOn(c -> c.script().startsWith("dnf -y install"))
        .singleElement().satisfies(c -> assertThat(c.become()).as("the task's become reaches the command").isTrue());
  }

  @Test
  void dependenciesAreResolvedByDnfNotByThePlan() throws Exception {
    TestHost host = host();
    Plan plan = plan(host, Map.of("name", "libvirt"));
    assertThat(plan.message()).isEqualTo("install libvirt");

    host.apply(plan);

    assertThat(sh(shell, "rpm -q --whatrequires qemu-kvm").stdout()).startsWith("libvirt-9.0.0");
    assertThat(plan(host, Map.of("name", BOTH)).actions()).isEmpty();
  }

  @Test
  void installedPackagesAreQueriedOncePerHostAcrossTasks() throws Exception {
    TestHost host = host();
    plan(host, Map.of("name", "qemu-kvm"));
    plan(host, Map.of("name", "libvirt", "state", "absent"));
    plan(host, Map.of("name", BOTH));

    assertThat(shell.commands()).filteredOn(c -> c.script().startsWith("rpm -qa")).hasSize(1);
    assertThat(host.factRuns()).isEqualTo(1);
  }

  @Test
  void latestUpgradesWhenTheRepositoryGetsANewerBuild() throws Exception {
    TestHost host = host();
    host.apply(plan(host, Map.of("name", BOTH)));
    assertThat(plan(host, Map.of("name", BOTH, "state", "latest")).message())
        .isEqualTo("packages qemu-kvm, libvirt are installed and up to date");

    Path spec = specs.resolve("qemu-kvm.spec");
    Files.writeString(spec, Files.readString(spec).replaceFirst("(?m)^Version:\\s+7\\.2\\.0$", "Version:        7.2.1"));
    sh(new ShellConnection(Map.of()), LabLayout.here().repo().resolve("lab/rpm/build-repo.sh") + " " + repo + " " + specs);
    TestHost later = host();
    Plan upgrade = plan(later, Map.of("name", BOTH, "state", "latest"));
    assertThat(upgrade.message()).isEqualTo("upgrade qemu-kvm");

    later.apply(upgrade);

    assertThat(sh(shell, "rpm -q qemu-kvm").stdout()).isEqualTo("qemu-kvm-7.2.1-1.lab.noarch\n");
    assertThat(plan(later, Map.of("name", BOTH, "state", "latest")).actions()).isEmpty();
  }

  @Test
  void absentRemovesOnlyWhatIsInstalledThenIsANoop() throws Exception {
    TestHost host = host();
    host.apply(plan(host, Map.of("name", "qemu-kvm")));

    Plan remove = plan(host, Map.of("name", BOTH, "state", "absent"));
    assertThat(remove.message()).isEqualTo("remove qemu-kvm");
    host.apply(remove);

    assertThat(plan(host, Map.of("name", BOTH, "state", "absent")).message())
        .isEqualTo("packages qemu-kvm, libvirt are absent");
    assertThat(shell.run(Command.of("rpm -q qemu-kvm")).exitCode()).isEqualTo(1);
  }

  @Test
  void theAnsibleNamesDnfAndYumRunThePackageCodeWithTheirStateWords() throws Exception {
    TestHost host = TestHost.live(Mode.APPLY, shell, Map.of("ansible_os_family", "Debian"));
    DnfModule dnf = new DnfModule();
    Plan install = dnf.plan(dnf.schema().bind("dnf", Map.of("name", BOTH, "state", "installed")), host);
    assertThat(install.message()).as("dnf by its name, whatever the os family says").isEqualTo("install qemu-kvm, libvirt");
    host.apply(install);
    assertThat(sh(shell, "rpm -q qemu-kvm libvirt").stdout())
        .isEqualTo("qemu-kvm-7.2.0-1.lab.noarch\nlibvirt-9.0.0-1.lab.noarch\n");
    assertThat(dnf.plan(dnf.schema().bind("dnf", Map.of("name", BOTH)), host).actions()).isEmpty();

    YumModule yum = new YumModule();
    Plan remove = yum.plan(yum.schema().bind("yum", Map.of("name", "libvirt", "state", "removed")), host);
    assertThat(remove.message()).isEqualTo("remove libvirt");
    host.apply(remove);
    assertThat(shell.run(Command.of("rpm -q libvirt")).exitCode()).isEqualTo(1);
    assertThat(yum.plan(yum.schema().bind("yum", Map.of("name", "libvirt", "state", "absent")), host).actions())
        .isEmpty();
  }
}
