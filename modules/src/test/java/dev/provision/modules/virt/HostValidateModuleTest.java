package dev.provision.modules.virt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.module.ModuleException;
import dev.provision.module.Plan;
import dev.provision.module.testing.TestHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fixture tests: canned virt-host-validate output in, verdict, message and registered data out. */
class HostValidateModuleTest {

  private static final String ALL = "virt-host-validate::";
  private final HostValidateModule module = new HostValidateModule();

  private static String sample(String file) throws IOException {
    try (InputStream in = HostValidateModuleTest.class.getResourceAsStream("/virt-host-validate/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Plan plan(TestHost host, Map<String, Object> params) throws Exception {
    return module.plan(module.schema().bind("host_validate", params), host);
  }

  @Test
  void aFailNotAllowedFailsTheTaskNamingTheCheck() throws Exception {
    TestHost host = new TestHost().output(ALL, 1, sample("C.txt"), "");

    ModuleException e = catchThrowableOfType(() -> plan(host, Map.of()), ModuleException.class);

    assertThat(e.getMessage()).startsWith("virt-host-validate: 1 check failed: QEMU: for hardware virtualization"
        + " (Host not compatible with KVM;")
        .contains("warnings: QEMU: if device /dev/vhost-net exists (Load the 'vhost_net' module");
    assertThat(e.data()).containsEntry("passed", false);
    assertThat((List<?>) e.data().get("failed_checks")).hasSize(1);
    assertThat((List<?>) e.data().get("checks")).hasSize(26);
  }

  @Test
  void anAllowedFailIsANoopThatStillRegistersTheFailure() throws Exception {
    TestHost host = new TestHost().output(ALL, 1, sample("C.txt"), "");

    Plan plan = plan(host, Map.of("allow", List.of("Hardware Virtualization")));

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.message()).startsWith("26 checks, 22 passed; allowed failures: QEMU: for hardware virtualization")
        .contains("; warnings: ");
    assertThat(plan.result()).containsEntry("passed", true).containsEntry("rc", 1);
    assertThat((List<?>) plan.result().get("failed_checks")).hasSize(1);
    assertThat((List<?>) plan.result().get("allowed_failures")).hasSize(1);
    assertThat((List<?>) plan.result().get("warnings")).hasSize(3);
  }

  @Test
  void allowInEnglishMatchesAJapaneseHost() throws Exception {
    TestHost host = new TestHost().output(ALL, 1, sample("ja_JP.UTF-8.txt"), "");

    Plan plan = plan(host, Map.of("allow", List.of("hardware virtualization")));

    assertThat(plan.result()).containsEntry("passed", true);
    @SuppressWarnings("unchecked")
    Map<String, Object> failed = ((List<Map<String, Object>>) plan.result().get("failed_checks")).get(0);
    assertThat(failed).containsEntry("check", "ハードウェア仮想化用").containsEntry("level", "FAIL");
  }

  @Test
  void theExitCodeAloneNeverDecides() throws Exception {
    String warnOnly = "  QEMU: Checking if device /dev/vhost-net exists         : WARN (Load the 'vhost_net' module)\n";
    String failLine = "  QEMU: Checking if device /dev/kvm exists               : FAIL (Check that KVM is loaded)\n";

    // libvirt <= 7.x exits 1 on a WARN: still a pass.
    assertThat(plan(new TestHost().output(ALL, 1, warnOnly, ""), Map.of()).result()).containsEntry("passed", true);
    // A FAIL line with exit 0 is still a failure.
    assertThatThrownBy(() -> plan(new TestHost().output(ALL, 0, failLine, ""), Map.of()))
        .hasMessageContaining("1 check failed: QEMU: if device /dev/kvm exists (Check that KVM is loaded)");
  }

  @Test
  void unreadableLinesWithAFailingExitFailAndSuggestTheCLocale() throws Exception {
    String odd = "  QEMU: Kontrola hardware virtualization                : SELHALO (nenalezeno)\n";

    assertThatThrownBy(() -> plan(new TestHost().output(ALL, 1, odd, ""), Map.of()))
        .hasMessageContaining("cannot read").hasMessageContaining("locale: C");
    assertThat(plan(new TestHost().output(ALL, 0, odd, ""), Map.of()).message())
        .contains("unrecognised lines: QEMU: Kontrola hardware virtualization (SELHALO (nenalezeno))");
  }

  @Test
  void anUnknownHypervisorFailsWithWhatTheToolSaid() {
    TestHost host = new TestHost()
        .output("virt-host-validate:lxc:", 1, "", "virt-host-validate: unsupported hypervisor name lxc");

    assertThatThrownBy(() -> plan(host, Map.of("hypervisor", "lxc")))
        .hasMessage("virt-host-validate exited 1 without checking anything:"
            + " virt-host-validate: unsupported hypervisor name lxc");
  }

  @Test
  void aMissingBinaryNamesThePackageForTheHostsFamily() {
    String missing = ValidateRun.MISSING + "\n";
    TestHost debian = new TestHost().output(ALL, 127, missing + "os=ubuntu debian\n", "");
    TestHost fedora = new TestHost().output(ALL, 127, missing + "os=fedora \n", "");
    TestHost unknownButGathered = new TestHost().output(ALL, 127, missing + "os= \n", "")
        .var("ansible_os_family", "RedHat");
    TestHost unknown = new TestHost().output(ALL, 127, missing + "os= \n", "");

    assertThatThrownBy(() -> plan(debian, Map.of())).hasMessage("virt-host-validate is not installed: on Debian hosts"
        + " it comes with package libvirt-clients; install it first, e.g. a `package: name=libvirt-clients` task");
    assertThatThrownBy(() -> plan(fedora, Map.of())).hasMessageContaining("package libvirt-client;");
    assertThatThrownBy(() -> plan(unknownButGathered, Map.of())).hasMessageContaining("on RedHat hosts");
    assertThatThrownBy(() -> plan(unknown, Map.of()))
        .hasMessageContaining("libvirt-clients (Debian, Ubuntu) or libvirt-client (Fedora, RHEL)");
  }

  @Test
  void hypervisorAndLocaleShapeTheCommand() throws Exception {
    TestHost host = new TestHost().output("virt-host-validate:qemu:ja_JP.UTF-8", 1, sample("ja_JP.UTF-8.txt"), "");

    plan(host, Map.of("hypervisor", "qemu", "locale", "ja_JP.UTF-8", "allow", "hardware virtualization"));

    assertThat(host.factCommands().get(0)).endsWith("; LC_ALL=ja_JP.UTF-8 LANGUAGE= virt-host-validate qemu");
    assertThatThrownBy(() -> plan(host, Map.of("locale", "C; reboot")))
        .hasMessageContaining("`C; reboot` is not a locale name");
  }
}
