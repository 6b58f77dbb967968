package dev.provision.modules.virt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.lab.gate.RealParts;
import dev.provision.module.Plan;
import dev.provision.module.testing.ShellConnection;
import dev.provision.module.testing.TestHost;
import dev.provision.module.Mode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real virt-host-validate of this machine (Debian's libvirt-clients), through a real shell. */
class HostValidateRealTest {

  private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8");
  private final HostValidateModule module = new HostValidateModule();

  @BeforeEach
  void needsVirtHostValidate() {
    RealParts.requirePrograms("libvirt-clients", "virt-host-validate");
  }

  private static TestHost host() {
    return TestHost.live(Mode.APPLY, new ShellConnection(ENV), Map.of());
  }

  private static CommandResult raw(String script) throws Exception {
    return new ShellConnection(ENV).run(Command.of(script));
  }

  /** The verdict the module must reach: allow every FAIL this machine has, then it passes. */
  @Test
  void verdictFollowsTheParsedFailLinesOfThisMachine() throws Exception {
    CommandResult run = raw("LC_ALL=C virt-host-validate qemu");
    List<ValidationCheck> checks = ValidateOutputParser.parse(run.stdout());
    List<String> fails = checks.stream().filter(c -> c.level() == CheckLevel.FAIL).map(ValidationCheck::name).toList();

    assertThat(checks).isNotEmpty().extracting(ValidationCheck::level).doesNotContain(CheckLevel.UNKNOWN);
    assertThat(checks).extracting(ValidationCheck::hypervisor).containsOnly("QEMU");
    Map<String, Object> params = Map.of("hypervisor", "qemu", "locale", "C", "allow", fails);
    Plan plan = module.plan(module.schema().bind("host_validate", params), host());
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.result()).containsEntry("passed", true).containsEntry("rc", run.exitCode());
    assertThat((List<?>) plan.result().get("checks")).hasSize(checks.size());
    if (!fails.isEmpty()) {
      assertThatThrownBy(() -> module.plan(module.schema().bind("host_validate",
              Map.of("hypervisor", "qemu", "locale", "C")), host()))
          .hasMessageContaining("failed: QEMU: " + fails.get(0));
    }
  }

  @Test
  void everyInstalledTranslationParsesToTheSameChecksAsEnglish() throws Exception {
    List<ValidationCheck> english = ValidateOutputParser.parse(raw("LC_ALL=C virt-host-validate").stdout());
    int tried = 0;
    for (String locale : List.of("ja_JP.UTF-8", "es_ES.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "zh_CN.UTF-8",
        "ko_KR.UTF-8", "ru_RU.UTF-8")) {
      if (!hasLocale(locale)) {
        continue;
      }
      tried++;
      List<ValidationCheck> local = ValidateOutputParser.parse(
          raw("LC_ALL=" + locale + " LANGUAGE= virt-host-validate").stdout());
      assertThat(local).as(locale).extracting(ValidationCheck::level)
          .isEqualTo(english.stream().map(ValidationCheck::level).toList());
      assertThat(local).as(locale).extracting(ValidationCheck::name)
          .isEqualTo(english.stream().map(ValidationCheck::name).toList());
    }
    RealParts.require(tried > 0, "no translated locale is generated (apt-get install locales libvirt-l10n;"
        + " localedef -i ja_JP -f UTF-8 ja_JP.UTF-8)");
  }

  @Test
  void japaneseOutputAsInTheGuideIsReadWithAnEnglishAllowList() throws Exception {
    RealParts.require(hasLocale("ja_JP.UTF-8"), "locale ja_JP.UTF-8 is not generated (localedef -i ja_JP -f UTF-8 ja_JP.UTF-8)");
    RealParts.require(java.nio.file.Files.exists(java.nio.file.Path.of("/usr/share/locale/ja/LC_MESSAGES/libvirt.mo")),
        "libvirt's Japanese translation is missing (apt-get install libvirt-l10n)");
    List<String> fails = ValidateOutputParser.parse(raw("LC_ALL=C virt-host-validate qemu").stdout()).stream()
        .filter(c -> c.level() == CheckLevel.FAIL).map(ValidationCheck::name).toList();

    Plan plan = module.plan(module.schema().bind("host_validate",
        Map.of("hypervisor", "qemu", "locale", "ja_JP.UTF-8", "allow", fails)), host());

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> checks = (List<Map<String, Object>>) plan.result().get("checks");
    assertThat(checks).extracting(c -> c.get("level")).doesNotContain("UNKNOWN");
    assertThat(checks).filteredOn(c -> c.get("level").equals("PASS")).isNotEmpty()
        .allSatisfy(c -> assertThat(c.get("check")).asString().doesNotContain("確認中"));
    assertThat(plan.result()).containsEntry("passed", true);
  }

  @Test
  void aHostWithoutTheToolGetsThePackageNameForItsFamily() {
    TestHost bare = TestHost.live(Mode.APPLY, new ShellConnection(Map.of("PATH", "/nonexistent")), Map.of());

    assertThatThrownBy(() -> module.plan(module.schema().bind("host_validate", Map.of()), bare))
        .hasMessageStartingWith("virt-host-validate is not installed: on Debian hosts it comes with package"
            + " libvirt-clients");
  }

  /** Whether `locale -a` lists the locale (glibc prints `ja_JP.utf8` for `ja_JP.UTF-8`). */
  private static boolean hasLocale(String locale) {
    try {
      Process p = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
      String all = new String(p.getInputStream().readAllBytes()).toLowerCase();
      p.waitFor();
      String wanted = locale.toLowerCase().replace("utf-8", "utf8");
      return List.of(all.split("\n")).contains(wanted);
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
