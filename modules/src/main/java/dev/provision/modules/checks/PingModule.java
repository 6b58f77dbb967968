package dev.provision.modules.checks;

import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ping}: one command on the host ({@code true}), so the host is reachable and can run
 * commands; the result's {@code ping} is {@code data}. Never a change.
 */
public final class PingModule implements Module {

  /** Ansible's failure for {@code data: crash} (its module raises on purpose, to test failures). */
  static final String CRASH = "MODULE FAILURE\nSee stdout/stderr for the exact error";

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Checks that the host can be reached and run a command; returns `ping: pong` (or `data`).")
      .note("Runs `true` on the host, in a plan as in an apply: a host that cannot be reached is unreachable, as in"
          + " Ansible. Never a change. `data: crash` fails the task, as Ansible's module does on purpose.")
      .param(Param.string("data").defaultsTo("pong").describedAs("what `ping` returns; `crash` fails the task"))
      .returns("ping", "the value of `data`")
      .example("""
          - name: the host answers
            ping:
          """)
      .build();

  /** The command that proves the host runs commands; its output does not matter. */
  record Answer() implements Fact<Boolean> {
    @Override
    public String key() {
      return "ping";
    }

    @Override
    public String command() {
      return "true";
    }

    @Override
    public Boolean parse(CommandResult result) throws ModuleException {
      if (!result.succeeded()) {
        throw new ModuleException("the host could not run `true` (exit " + result.exitCode() + "): "
            + result.failureText());
      }
      return true;
    }
  }

  @Override
  public String name() {
    return "ping";
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
    String data = params.string("data");
    host.fact(new Answer());
    if (data.equals("crash")) {
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("msg", CRASH);
      failure.put("module_stderr", "Exception: boom\n");
      failure.put("module_stdout", "");
      failure.put("rc", 1);
      throw new ModuleException(CRASH, failure);
    }
    return Plan.noop("pong" + (data.equals("pong") ? "" : ": " + data), Map.of("ping", data));
  }
}
