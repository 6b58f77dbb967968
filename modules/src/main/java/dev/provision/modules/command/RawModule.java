package dev.provision.modules.command;

import dev.provision.connection.ConnectionException;
import dev.provision.connection.Shell;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.List;
import java.util.Map;

/**
 * {@code raw}: a command line run on the host as it is, by its shell ({@code sh}, or
 * {@code executable -c LINE}), with no module code on the host: what Ansible uses to bootstrap a
 * host without Python. Like {@code shell}, always a change; it travels on stdin as every script does.
 */
public final class RawModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Runs a command line as it is through the host's shell, with no module code (bootstrapping).")
      .note("Always a change, as in Ansible. Differences: Ansible skips raw in check mode, and a plan here says \"would run\"; stdout and stderr lose their trailing newlines (Ansible keeps them, with ssh's own messages). The line travels on the shell's standard input, never on a command line.")
      .example("""
          - name: Python for Ansible's other modules
            raw: test -e /usr/bin/python3 || (apt-get update && apt-get install -y python3-minimal)
            become: true
          """)
      .param(Param.string("cmd").required().describedAs("the command line (free form)"))
      .freeForm("cmd")
      .param(Param.string("executable").describedAs("the shell that runs the line (/bin/bash): EXECUTABLE -c LINE"))
      .build();

  @Override
  public String name() {
    return "raw";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin(name());
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String line = params.string("cmd");
    if (line.isBlank()) {
      throw new ModuleException("no command line given");
    }
    String executable = params.optString("executable").orElse(null);
    String script = executable == null ? line : Shell.quote(executable) + " -c " + Shell.quote(line);
    String display = CommandPlanner.display(line);
    return Plan.change("run " + display, List.of(), List.of(new CommandAction(script, line, Map.of(), null, display, null)));
  }
}
