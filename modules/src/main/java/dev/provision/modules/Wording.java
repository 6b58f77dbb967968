package dev.provision.modules;

import dev.provision.module.HostContext;
import dev.provision.module.Mode;

/** Plan messages read "would write /etc/x" in plan mode and "write /etc/x" when applying. */
public final class Wording {

  private Wording() {}

  public static String would(HostContext host, String change) {
    return host.mode() == Mode.PLAN ? "would " + change : change;
  }
}
