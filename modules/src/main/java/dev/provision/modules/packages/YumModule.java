package dev.provision.modules.packages;

/** Ansible's {@code yum}: {@code package} with dnf, which is what yum is on every current RHEL-family host. */
public final class YumModule extends ManagerModule {
  public YumModule() {
    super("yum", "dnf", "enablerepo", "disablerepo", "disable_gpg_check", "exclude",
        "autoremove", "security", "bugfix", "conf_file", "installroot", "releasever", "download_only", "list");
  }
}
