package dev.provision.modules.command;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.List;

/**
 * {@code shell}: runs a script with {@code sh -c} (pipes, redirections and variables work). The
 * script is the user's own shell text; only {@code chdir} and {@code env} are added, quoted.
 */
public final class ShellModule implements Module {

  private static final ParamSchema SCHEMA = CommandOptions.declare(ParamSchema.builder()
          .summary("Runs a script with `sh -c`: pipes, redirections and variables work.")
          .note("The script is your own shell text; only `chdir` is added, quoted, as a `cd DIR || exit 1`"
              + " prefix, and `env` values reach the remote shell on its standard input, never on a command"
              + " line. Like `command`, it is a change unless `creates` or `removes` say it is not needed.")
          .example("""
                  - name: count the CPUs with virtualization flags
                    shell: grep -cE 'vmx|svm' /proc/cpuinfo || true
                    register: vcpus
                    changed_when: false
                  """)
          .param(Param.string("cmd").required().describedAs("the shell script"))
          .freeForm("cmd"))
      .build();

  @Override
  public String name() {
    return "shell";
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
    String script = params.string("cmd");
    if (script.isBlank()) {
      throw new ModuleException("no script given");
    }
    return CommandPlanner.plan(host, CommandOptions.of(params), script, script, CommandPlanner.display(script),
        null);
  }
}
