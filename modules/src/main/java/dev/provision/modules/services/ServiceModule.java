package dev.provision.modules.services;

import dev.provision.module.Module;

/** Ansible's {@code service}: systemd when it runs, else SysV init scripts. */
public final class ServiceModule extends ServiceManagerModule {
  public ServiceModule() {
    super("service", Module.ansibleBuiltin("service"), false);
  }
}
