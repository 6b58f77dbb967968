package dev.provision.modules.virt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real captured output (test resources, see their README) and the edge cases from the note. */
class ValidateOutputParserTest {

  static List<ValidationCheck> sample(String file) throws IOException {
    try (InputStream in = ValidateOutputParserTest.class.getResourceAsStream("/virt-host-validate/" + file)) {
      return ValidateOutputParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"C", "ja_JP.UTF-8", "es_ES.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "zh_CN.UTF-8",
      "ko_KR.UTF-8", "ru_RU.UTF-8"})
  void readsEveryLineOfEachLanguageAsTheEnglishRunDoes(String locale) throws IOException {
    List<ValidationCheck> english = sample("C.txt");
    List<ValidationCheck> checks = sample(locale + ".txt");

    assertThat(checks).hasSize(26);
    assertThat(checks).extracting(ValidationCheck::level).doesNotContain(CheckLevel.UNKNOWN)
        .isEqualTo(english.stream().map(ValidationCheck::level).toList());
    assertThat(checks).extracting(ValidationCheck::hypervisor)
        .isEqualTo(english.stream().map(ValidationCheck::hypervisor).toList());
    assertThat(checks).extracting(ValidationCheck::name)
        .isEqualTo(english.stream().map(ValidationCheck::name).toList());
    assertThat(checks).filteredOn(c -> c.level() != CheckLevel.PASS).extracting(ValidationCheck::hint)
        .allSatisfy(hint -> assertThat(hint).isNotBlank().doesNotEndWith(")"));
  }

  @Test
  void englishRunHasTheChecksThisMachineGives() throws IOException {
    List<ValidationCheck> checks = sample("C.txt");

    assertThat(checks.get(0)).isEqualTo(new ValidationCheck("QEMU", "for hardware virtualization",
        "for hardware virtualization", CheckLevel.FAIL, "Host not compatible with KVM; HW virtualization CPU"
        + " features not found. Only emulated CPUs are available; performance will be significantly limited"));
    assertThat(checks).filteredOn(c -> c.level() == CheckLevel.WARN).extracting(ValidationCheck::name)
        .containsExactly("if device /dev/vhost-net exists", "for device assignment IOMMU support",
            "for secure guest support");
    assertThat(checks.get(11).name()).isEqualTo("for Linux >= 2.6.26");
    assertThat(checks.get(11).hypervisor()).isEqualTo("LXC");
  }

  @Test
  void japaneseLinesKeepTheirTextAndGainTheEnglishName() throws IOException {
    ValidationCheck first = sample("ja_JP.UTF-8.txt").get(0);

    assertThat(first.check()).isEqualTo("ハードウェア仮想化用");
    assertThat(first.name()).isEqualTo("for hardware virtualization");
    assertThat(first.level()).isEqualTo(CheckLevel.FAIL);
    assertThat(first.hint()).startsWith("ホストが KVM と互換性がありません");
  }

  @Test
  void frenchNoBreakSpacesAreNotPartOfNames() throws IOException {
    ValidationCheck first = sample("fr_FR.UTF-8.txt").get(0);

    assertThat(first.hypervisor()).isEqualTo("QEMU");
    assertThat(first.check()).isEqualTo("for hardware virtualization");
  }

  @Test
  void coloursFromATerminalAreStripped() throws IOException {
    List<ValidationCheck> coloured = sample("C-tty-colour.txt");

    assertThat(coloured).isEqualTo(sample("C.txt").subList(0, 11));
  }

  @Test
  void bareResultLinesWithoutCheckingPrefixAreRead() {
    // libvirt 7.0.0 on aarch64 (gitlab issue 175) and the early `-q` output print no prefix.
    List<ValidationCheck> checks = ValidateOutputParser.parse(
        "ADVERTENCIA (Unknown if this platform has IOMMU support)\nFAIL (Only emulated CPUs are available)\n");

    assertThat(checks).containsExactly(
        new ValidationCheck("", "", "", CheckLevel.WARN, "Unknown if this platform has IOMMU support"),
        new ValidationCheck("", "", "", CheckLevel.FAIL, "Only emulated CPUs are available"));
  }

  @Test
  void aHintContainingColonSpaceDoesNotMoveTheSplit() {
    ValidationCheck check = ValidateOutputParser.parseLine(
        "  QEMU: Checking if device /dev/kvm exists                                 : FAIL (Check: /dev/kvm is missing)");

    assertThat(check).isEqualTo(new ValidationCheck("QEMU", "if device /dev/kvm exists", "if device /dev/kvm exists",
        CheckLevel.FAIL, "Check: /dev/kvm is missing"));
  }

  @Test
  void anUnknownResultWordIsKeptAsUnknownNotDropped() {
    ValidationCheck check = ValidateOutputParser.parseLine(
        "  QEMU: Kontrola for hardware virtualization            : SELHALO (nenalezeno)");

    assertThat(check.level()).isEqualTo(CheckLevel.UNKNOWN);
    assertThat(check.hypervisor()).isEqualTo("QEMU");
    assertThat(check.check()).isEqualTo("Kontrola for hardware virtualization");
    assertThat(check.hint()).isEqualTo("SELHALO (nenalezeno)");
  }

  @Test
  void noteLevelAndEarlyCheckingWordingAreRead() {
    ValidationCheck check = ValidateOutputParser.parseLine(
        "  QEMU: Checking for device /dev/kvm                                        : NOTE (Only emulated CPUs)");

    assertThat(check.level()).isEqualTo(CheckLevel.NOTE);
    assertThat(check.check()).isEqualTo("for device /dev/kvm");
  }
}
