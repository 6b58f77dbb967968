package dev.provision.modules.packages;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The two package families this project knows, named as Ansible's {@code ansible_os_family}
 * names them. Decided from gathered variables when the play has them, else from
 * {@code /etc/os-release} ({@code ID} and {@code ID_LIKE}).
 */
public enum OsFamily {
  DEBIAN("Debian", "apt", "libvirt-clients"),
  REDHAT("RedHat", "dnf", "libvirt-client");

  private final String ansibleName;
  private final String packageManager;
  private final String libvirtClientPackage;

  OsFamily(String ansibleName, String packageManager, String libvirtClientPackage) {
    this.ansibleName = ansibleName;
    this.packageManager = packageManager;
    this.libvirtClientPackage = libvirtClientPackage;
  }

  public String ansibleName() {
    return ansibleName;
  }

  /** {@code apt} or {@code dnf}. */
  public String packageManager() {
    return packageManager;
  }

  /** The package that ships {@code virt-host-validate}. */
  public String libvirtClientPackage() {
    return libvirtClientPackage;
  }

  /** From Ansible's {@code ansible_os_family} value ("Debian", "RedHat"); others are unknown. */
  public static Optional<OsFamily> fromAnsible(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.toString().trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "debian" -> Optional.of(DEBIAN);
      case "redhat" -> Optional.of(REDHAT);
      default -> Optional.empty();
    };
  }

  /** From the words of os-release's {@code ID} and {@code ID_LIKE} ("ubuntu debian", "rocky rhel centos fedora"). */
  public static Optional<OsFamily> fromOsReleaseIds(String ids) {
    for (String id : ids.trim().toLowerCase(Locale.ROOT).split("[\\s\"']+")) {
      switch (id) {
        case "debian", "ubuntu", "raspbian", "linuxmint" -> {
          return Optional.of(DEBIAN);
        }
        case "fedora", "rhel", "centos", "rocky", "almalinux", "ol", "amzn" -> {
          return Optional.of(REDHAT);
        }
        default -> { }
      }
    }
    return Optional.empty();
  }

  /** The family from the task's variables ({@code ansible_os_family}), if gathered or set. */
  public static Optional<OsFamily> fromVars(Map<String, Object> vars) {
    return fromAnsible(vars.get("ansible_os_family"));
  }

  /**
   * A shell snippet that prints {@code os=<ID ID_LIKE>} from /etc/os-release; facts embed it so
   * one command both probes tools and names the family.
   */
  public static String osReleaseProbe() {
    return "(. /etc/os-release 2>/dev/null; echo \"os=${ID:-} ${ID_LIKE:-}\")";
  }
}
