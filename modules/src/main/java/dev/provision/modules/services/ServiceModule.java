package dev.provision.modules.services;

import java.util.List;

/** Ansible's {@code service}: systemd when it runs, else SysV init scripts. */
public final class ServiceModule extends ServiceManagerModule {
  public ServiceModule() {
    super("service", List.of("ansible.builtin.service", "ansible.legacy.service"), false);
  }
}
