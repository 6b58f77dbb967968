package dev.provision.modules.virt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of virt-host-validate: {@code hypervisor} ("QEMU", "LXC", or "" for a bare result
 * line), {@code check} as printed (maybe translated), {@code name} its English text where the
 * translation is known (else the same as {@code check}), the level, and the hint in brackets
 * ("" if none).
 */
public record ValidationCheck(String hypervisor, String check, String name, CheckLevel level, String hint) {

  /** Whether an {@code allow:} entry names this check: a case-insensitive substring of its text. */
  public boolean matches(String allowed) {
    String needle = allowed.toLowerCase(java.util.Locale.ROOT).trim();
    if (needle.isEmpty()) {
      return false;
    }
    for (String hay : new String[] {check, name, hypervisor + ": " + check, hypervisor + ": " + name}) {
      if (hay.toLowerCase(java.util.Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    return false;
  }

  /** "QEMU: for hardware virtualization (Host not compatible with KVM...)". */
  public String describe() {
    String head = hypervisor.isEmpty() ? name : hypervisor + ": " + name;
    return hint.isEmpty() ? head : head + " (" + hint + ")";
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hypervisor", hypervisor);
    m.put("check", check);
    m.put("name", name);
    m.put("level", level.name());
    m.put("hint", hint);
    return m;
  }
}
