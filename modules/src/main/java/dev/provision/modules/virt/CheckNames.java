package dev.provision.modules.virt;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translations back to English for the check messages libvirt translates (libvirt-l10n 9.0.0:
 * ja, zh_CN, ko, ru translate some; es, de, fr translate only "for Linux >= ..."), so an
 * {@code allow:} entry written in English matches on a host in any of those languages.
 */
final class CheckNames {

  /** The translated word for "Checking" that starts each check message. */
  static final Set<String> CHECKING_WORDS = Set.of(
      "Checking", "確認中", "comprobando", "Überprüfung", "Vérification", "正在检查", "점검", "проверка");

  private static final Map<String, String> ENGLISH = Map.ofEntries(
      Map.entry("ハードウェア仮想化用", "for hardware virtualization"),
      Map.entry("对于硬件虚拟化", "for hardware virtualization"),
      Map.entry("하드웨어 가상화용", "for hardware virtualization"),
      Map.entry("для аппаратной виртуализации", "for hardware virtualization"),
      Map.entry("デバイス割り当て IOMMU サポート用", "for device assignment IOMMU support"),
      Map.entry("对于设备分配 IOMMU 支持", "for device assignment IOMMU support"),
      Map.entry("장치 할당 IOMMU 지원", "for device assignment IOMMU support"),
      Map.entry("для поддержки сопоставления устройств IOMMU", "for device assignment IOMMU support"),
      Map.entry("安全なゲストサポートのため", "for secure guest support"),
      Map.entry("对于确保客户机机支持", "for secure guest support"),
      Map.entry("안전한 게스트 지원을 위해", "for secure guest support"),
      Map.entry("для поддержки безопасных гостевых систем", "for secure guest support"),
      Map.entry("IOMMU がカーネルによって有効になっている場合", "if IOMMU is enabled by kernel"),
      Map.entry("内核中是否打开了IOMMU功能", "if IOMMU is enabled by kernel"),
      Map.entry("IOMMU가 커널에 의해 활성화된 경우", "if IOMMU is enabled by kernel"),
      Map.entry("если блок IOMMU включён в ядре", "if IOMMU is enabled by kernel"));

  // "Linux >= 2.6.26 向けです", "für Linux >= 2.6.26", "对于 Linux内核版本 >= 2.6.26"...
  private static final Pattern LINUX_VERSION = Pattern.compile("Linux.*>= ?(\\d+\\.\\d+\\.\\d+)");

  private CheckNames() {}

  static String english(String check) {
    String known = ENGLISH.get(check);
    if (known != null) {
      return known;
    }
    Matcher m = LINUX_VERSION.matcher(check);
    if (m.find() && !check.startsWith("for ")) {
      return "for Linux >= " + m.group(1);
    }
    return check;
  }
}
