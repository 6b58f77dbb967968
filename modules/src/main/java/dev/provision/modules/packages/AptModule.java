package dev.provision.modules.packages;

/** Ansible's {@code apt}: {@code package} with apt. */
public final class AptModule extends ManagerModule {
  public AptModule() {
    super("apt", "apt", "default_release", "deb", "autoremove",
        "autoclean", "upgrade", "force", "allow_unauthenticated", "dpkg_options", "only_upgrade", "purge");
  }
}
