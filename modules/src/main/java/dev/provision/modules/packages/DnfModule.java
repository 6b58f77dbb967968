package dev.provision.modules.packages;

/** Ansible's {@code dnf}: {@code package} with dnf. */
public final class DnfModule extends ManagerModule {
  public DnfModule() {
    super("dnf", "dnf", "enablerepo", "disablerepo", "disable_gpg_check", "exclude",
        "autoremove", "security", "bugfix", "conf_file", "installroot", "releasever", "download_only", "list");
  }
}
