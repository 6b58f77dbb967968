package dev.provision.modules.command;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.module.Plan;
import dev.provision.modules.files.PathStat;
import dev.provision.modules.files.StatFact;
import java.util.List;
import java.util.Map;

/**
 * The plan of a command: always a change ("would run ..."), unless {@code creates} names a path
 * that exists or {@code removes} one that does not; then a noop that says so.
 */
final class CommandPlanner {

  private CommandPlanner() {}

  /** {@code program}: what {@code command} runs (a missing one is reported as Ansible does), null for {@code shell}. */
  static Plan plan(HostContext host, CommandOptions options, String body, Object cmd, String display, String program)
      throws ModuleException, ConnectionException {
    if (options.creates() != null) {
      PathStat stat = host.fact(new StatFact(options.creates()));
      if (stat.exists()) {
        return skipped(cmd, options.creates() + " exists");
      }
    }
    if (options.removes() != null) {
      PathStat stat = host.fact(new StatFact(options.removes()));
      if (!stat.exists()) {
        return skipped(cmd, options.removes() + " does not exist");
      }
    }
    CommandAction action = new CommandAction(options.prefix() + body, cmd, options.env(), options.stdin(), display,
        program);
    return Plan.change("run " + display, List.of(), List.of(action));
  }

  private static Plan skipped(Object cmd, String reason) {
    Map<String, Object> data = CommandAction.data(cmd, 0, "", "");
    data.put("msg", "did not run: " + reason);
    return Plan.noop(reason, data);
  }

  /** A short one-line form of a script for messages. */
  static String display(String script) {
    String line = script.strip().lines().findFirst().orElse("");
    boolean more = script.strip().lines().count() > 1;
    if (line.length() > 80) {
      return "`" + line.substring(0, 77) + "...`";
    }
    return "`" + line + (more ? " ...`" : "`");
  }
}
