package dev.provision.modules.services;

import dev.provision.connection.ConnectionException;
import dev.provision.connection.Shell;
import dev.provision.module.Action;
import dev.provision.module.Diff;
import dev.provision.module.ExecAction;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code service} and {@code systemd}: a service started, stopped, restarted or reloaded, enabled
 * or not at boot, and (systemd) masked, planned from one read of its state ({@link ServiceState}).
 * With systemd running it uses {@code systemctl}; otherwise SysV init scripts through
 * {@code service} and {@code update-rc.d}, as Ansible's service module falls back. {@code restarted}
 * and {@code reloaded} always act (and report a change), as in Ansible.
 */
abstract class ServiceManagerModule implements Module {

  private static final Pattern NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9@_.:][A-Za-z0-9@_.:\\\\-]{0,254}");

  private final String name;
  private final List<String> aliases;
  private final boolean systemdOnly;
  private final ParamSchema schema;

  ServiceManagerModule(String name, List<String> aliases, boolean systemdOnly) {
    this.name = name;
    this.aliases = aliases;
    this.systemdOnly = systemdOnly;
    ParamSchema.Builder b = ParamSchema.builder()
        .summary(systemdOnly ? "Starts, stops, restarts or reloads a systemd unit, enables, masks it, or reloads systemd."
            : "Starts, stops, restarts or reloads a service and enables it at boot: systemd when it runs, else SysV init"
            + " scripts.")
        .note("One read of the service. systemd when /run/systemd/system exists (as Ansible decides), else SysV init"
            + " scripts through service and update-rc.d (boot links in /etc/rc[2-5].d). restarted and reloaded act every"
            + " time, as in Ansible." + (systemdOnly ? " A host without systemd is refused in words." : " daemon_reload"
            + " and masked need systemd.") + " Tested for real: SysV init scripts with Debian's service,"
            + " start-stop-daemon and update-rc.d, over ssh. Not tested for real: systemd itself (no systemd runs in"
            + " the lab); its systemctl commands are covered by fixtures only.")
        .example(systemdOnly ? "- name: kubelet\n  systemd: {name: kubelet, state: started, enabled: true, daemon_reload: true}"
            + "\n  become: true" : "- name: web server\n  service: {name: nginx, state: started, enabled: true}\n  become: true")
        .param(Param.string("name").aliases(systemdOnly ? new String[] {"service", "unit"} : new String[] {"service"})
            .describedAs("the service (a systemd unit or an /etc/init.d script)"))
        .param(Param.string("state").choices("started", "stopped", "restarted", "reloaded").describedAs("started and stopped act only when needed; restarted and reloaded always act"))
        .param(Param.bool("enabled").describedAs("start at boot"))
        .param(Param.bool("daemon_reload").aliases("daemon-reload").defaultsTo(false)
            .describedAs("systemd: systemctl daemon-reload first"))
        .param(Param.bool("masked").describedAs("systemd: masked (cannot be started)"));
    if (systemdOnly) {
      b.param(Param.string("scope").notSupportedYet("only the system manager is supported").describedAs("not supported yet"))
          .param(Param.bool("no_block").notSupportedYet(null).describedAs("not supported yet"))
          .param(Param.bool("force").notSupportedYet(null).describedAs("not supported yet"))
          .param(Param.bool("daemon_reexec").notSupportedYet(null).describedAs("not supported yet"));
    } else {
      b.param(Param.string("use").notSupportedYet("the manager is detected").describedAs("not supported yet")).param(Param.string("pattern").notSupportedYet(null).describedAs("not supported yet"))
          .param(Param.string("arguments").aliases("args").notSupportedYet(null).describedAs("not supported yet"))
          .param(Param.string("runlevel").notSupportedYet(null).describedAs("not supported yet"))
          .param(Param.string("sleep").notSupportedYet(null).describedAs("not supported yet"));
    }
    this.schema = b.build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> aliases() {
    return aliases;
  }

  @Override
  public ParamSchema schema() {
    return schema;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String unit = params.optString("name").orElse(null);
    String state = params.optString("state").orElse(null);
    Boolean enabled = params.has("enabled") && params.raw("enabled") != null ? params.bool("enabled") : null;
    Boolean masked = params.has("masked") && params.raw("masked") != null ? params.bool("masked") : null;
    boolean reload = params.bool("daemon_reload");
    if (unit == null && !reload) {
      throw new ModuleException("name is required (unless only daemon_reload)");
    }
    if (unit != null && !NAME.matcher(unit).matches()) {
      throw new ModuleException("`" + unit + "` is not a service name");
    }
    if (unit != null && state == null && enabled == null && masked == null) {
      throw new ModuleException("give at least one of state, enabled or masked");
    }
    ServiceState.Seen seen = host.fact(new ServiceState(unit == null ? "" : unit));
    boolean systemd = seen.manager().equals("systemd");
    if (systemdOnly && !systemd) {
      throw new ModuleException(name + " needs systemd, which is not running on " + host.host()
          + " (no /run/systemd/system); use service, which also drives init scripts");
    }
    if (!systemd && (reload || masked != null)) {
      throw new ModuleException((reload ? "daemon_reload" : "masked") + " needs systemd, which is not running on "
          + host.host() + " (its services are SysV init scripts)");
    }
    if (seen.manager().equals("none")) {
      throw new ModuleException("no service manager found on " + host.host() + " (neither systemd nor /etc/init.d)");
    }
    List<Action> actions = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder before = new StringBuilder();
    StringBuilder after = new StringBuilder();
    if (reload) {
      actions.add(ExecAction.of("systemctl daemon-reload").describedAs("reload the systemd manager configuration"));
      words.add("reload systemd");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    if (unit != null) {
      String n = Shell.quote(unit);
      result.put("name", unit);
      if (!seen.exists() && !(reload && systemd)) {
        if (host.changesPending()) {
          throw host.knownAfterApply("service " + unit + " is not installed yet; an earlier task would change the host");
        }
        throw new ModuleException("could not find the requested service " + unit + " on " + host.host());
      }
      if (masked != null && masked != seen.masked()) {
        actions.add(ExecAction.of("systemctl " + (masked ? "mask" : "unmask") + " -- " + n));
        words.add((masked ? "mask " : "unmask ") + unit);
        before.append("masked: ").append(seen.masked()).append('\n');
        after.append("masked: ").append(masked).append('\n');
      }
      if (enabled != null && enabled != seen.enabled()) {
        actions.add(ExecAction.of(systemd ? "systemctl " + (enabled ? "enable" : "disable") + " -- " + n
            : "update-rc.d " + n + " defaults >/dev/null && update-rc.d " + n + (enabled ? " enable" : " disable")));
        words.add((enabled ? "enable " : "disable ") + unit);
        before.append("enabled: ").append(seen.enabled()).append('\n');
        after.append("enabled: ").append(enabled).append('\n');
      }
      String verb = switch (state == null ? "" : state) {
        case "started" -> seen.running() ? null : "start";
        case "stopped" -> seen.running() ? "stop" : null;
        case "restarted" -> "restart";
        case "reloaded" -> "reload";
        default -> null;
      };
      if (verb != null) {
        actions.add(ExecAction.of(systemd ? "systemctl " + verb + " -- " + n : "service " + n + " " + verb));
        words.add(verb + " " + unit);
        before.append("state: ").append(seen.running() ? "running" : "stopped").append('\n');
        after.append("state: ").append(verb.equals("stop") ? "stopped" : "running").append(verb.equals("restart")
            || verb.equals("reload") ? " (" + verb + "ed)" : "").append('\n');
      }
      result.put("state", seen.running() ? "started" : "stopped");
      result.put("enabled", seen.enabled());
      result.put("manager", seen.manager());
    }
    if (actions.isEmpty()) {
      return Plan.noop("service " + unit + " is " + (seen.running() ? "running" : "stopped")
          + (enabled == null ? "" : seen.enabled() ? ", enabled" : ", not enabled"), result);
    }
    List<Diff> diffs = before.length() == 0 && after.length() == 0 ? List.of()
        : List.of(Diff.of("service " + unit + " (" + seen.manager() + ")", before.toString(), after.toString()));
    return Plan.change(String.join(", ", words), diffs, actions).withResult(result);
  }
}
