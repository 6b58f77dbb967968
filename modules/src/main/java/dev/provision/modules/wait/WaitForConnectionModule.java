package dev.provision.modules.wait;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code wait_for_connection}: waits until the host's connection opens and runs a command ({@code true}),
 * retrying every {@code sleep} until {@code timeout}, as Ansible's (which runs ping). Only a read, so the
 * plan waits too and it is never a change.
 */
public final class WaitForConnectionModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Waits until the host can be reached and runs a command, retrying until a timeout (Ansible's wait_for_connection).")
      .note("After delay, opens the host's connection and runs `true`, every sleep until timeout; registers elapsed (whole seconds). A connection that opened earlier in the run and broke since (a reboot) is not reopened yet: wait for a host that is not up when the run starts.")
      .returns("elapsed", "seconds waited")
      .waits()
      .example("""
          - name: wait for the new VM's sshd
            wait_for_connection: {delay: 5, timeout: 300}
          """)
      .param(Param.duration("timeout").defaultsTo("600s").describedAs("give up after this long"))
      .param(Param.duration("delay").defaultsTo("0s").describedAs("wait this long before the first try"))
      .param(Param.duration("sleep").defaultsTo("1s").describedAs("between tries"))
      .param(Param.duration("connect_timeout").defaultsTo("5s").describedAs("for each try's command"))
      .build();

  @Override
  public String name() {
    return "wait_for_connection";
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
    Duration timeout = params.duration("timeout");
    Duration sleep = params.duration("sleep");
    long start = System.nanoTime();
    pause(params.duration("delay"));
    String last = "no attempt";
    int attempts = 0;
    while (true) {
      attempts++;
      try {
        CommandResult r = host.connection().run(Command.of("true").withTimeout(params.duration("connect_timeout")));
        if (r.succeeded()) {
          long elapsed = Duration.ofNanos(System.nanoTime() - start).toSeconds();
          return Plan.noop("connected after " + elapsed + "s (" + attempts + (attempts == 1 ? " try)" : " tries)"),
              Map.of("elapsed", elapsed));
        }
        last = "`true` exited " + r.exitCode() + ": " + r.failureText();
      } catch (ConnectionException e) {
        last = e.getMessage();
      }
      Duration spent = Duration.ofNanos(System.nanoTime() - start);
      if (spent.plus(sleep).compareTo(timeout) > 0) {
        throw new ModuleException("timed out waiting for ping module test: " + last,
            Map.of("elapsed", spent.toSeconds()));
      }
      host.progress("not reachable yet (" + attempts + (attempts == 1 ? " try" : " tries") + "): " + last);
      pause(sleep);
    }
  }

  private static void pause(Duration d) throws ModuleException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException("interrupted while waiting for the connection");
    }
  }
}
