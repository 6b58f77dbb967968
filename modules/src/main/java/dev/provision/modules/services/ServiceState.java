package dev.provision.modules.services;

import dev.provision.connection.CommandResult;
import dev.provision.connection.Shell;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;

/**
 * One service as the host's service manager sees it, in one read-only command: which manager runs
 * (systemd when {@code /run/systemd/system} exists, as Ansible and systemd itself decide; else
 * SysV init scripts run by {@code service}), whether the service exists, runs, is enabled at boot
 * and (systemd) is masked.
 */
record ServiceState(String name) implements Fact<ServiceState.Seen> {

  /** What was read. {@code manager}: systemd, sysv or none. */
  record Seen(String manager, boolean exists, boolean running, boolean enabled, boolean masked) {}

  @Override
  public String subject() {
    return "service " + name;
  }

  @Override
  public String key() {
    return "service:" + name;
  }

  @Override
  public String command() {
    String n = Shell.quote(name);
    return "if [ -d /run/systemd/system ]; then echo manager=systemd; "
        + "s=$(systemctl show -p LoadState --value -- " + n + " 2>/dev/null); echo \"load=$s\"; "
        + "systemctl is-active --quiet -- " + n + " && echo running; "
        + "e=$(systemctl is-enabled -- " + n + " 2>/dev/null); echo \"enabled=$e\"; "
        + "elif command -v service >/dev/null 2>&1 || [ -d /etc/init.d ]; then echo manager=sysv; "
        + "if [ -x /etc/init.d/" + n + " ]; then echo load=loaded; "
        + "service " + n + " status >/dev/null 2>&1 && echo running; "
        + "for l in /etc/rc[2345].d/S[0-9][0-9]" + n + "; do [ -e \"$l\" ] && { echo enabled=enabled; break; }; done; "
        + "else echo load=not-found; fi; else echo manager=none; fi";
  }

  @Override
  public Seen parse(CommandResult result) throws ModuleException {
    String manager = "none";
    String load = "";
    boolean running = false;
    String enabled = "";
    for (String line : result.stdout().split("\n")) {
      if (line.startsWith("manager=")) {
        manager = line.substring(8).trim();
      } else if (line.startsWith("load=")) {
        load = line.substring(5).trim();
      } else if (line.equals("running")) {
        running = true;
      } else if (line.startsWith("enabled=")) {
        enabled = line.substring(8).trim();
      }
    }
    boolean exists = !load.isEmpty() && !load.equals("not-found");
    return new Seen(manager, exists, running, enabled.equals("enabled") || enabled.equals("enabled-runtime")
        || enabled.equals("alias"), load.equals("masked") || enabled.startsWith("masked"));
  }
}
