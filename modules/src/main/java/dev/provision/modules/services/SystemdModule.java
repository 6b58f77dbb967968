package dev.provision.modules.services;

import java.util.List;

/** Ansible's {@code systemd} (also {@code systemd_service}): systemctl only; a host without systemd is refused. */
public final class SystemdModule extends ServiceManagerModule {
  public SystemdModule() {
    super("systemd", List.of("systemd_service", "ansible.builtin.systemd", "ansible.legacy.systemd",
        "ansible.builtin.systemd_service", "ansible.legacy.systemd_service"), true);
  }
}
