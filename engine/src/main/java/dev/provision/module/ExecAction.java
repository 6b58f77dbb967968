package dev.provision.module;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most common action: run one shell command on the host. A non-zero exit fails the task
 * unless {@code allowFailure}. Fixture tests compare {@link #command()} with the expected text.
 */
public record ExecAction(String command, String description, boolean allowFailure, byte[] stdin, boolean become)
    implements Action {

  public static ExecAction of(String command) {
    return new ExecAction(command, null, false, null, false);
  }

  public ExecAction describedAs(String text) {
    return new ExecAction(command, text, allowFailure, stdin, become);
  }

  public ExecAction withStdin(byte[] input) {
    return new ExecAction(command, description, allowFailure, input, become);
  }

  public ExecAction allowingFailure() {
    return new ExecAction(command, description, true, stdin, become);
  }

  /** Forces become for this one command (in addition to the task's own {@code become}). */
  public ExecAction asRoot() {
    return new ExecAction(command, description, allowFailure, stdin, true);
  }

  @Override
  public String describe() {
    return description != null ? description : "run: " + command;
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
    Command cmd = Command.of(command).withBecome(become || host.become()).withTimeout(host.timeout());
    if (stdin != null) {
      cmd = cmd.withStdin(stdin);
    }
    CommandResult result = host.connection().run(cmd);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("rc", result.exitCode());
    data.put("stdout", result.stdout());
    data.put("stderr", result.stderr());
    if (!result.succeeded() && !allowFailure) {
      throw new ModuleException(
          "`" + command + "` exited " + result.exitCode() + ": " + result.failureText(), data);
    }
    return data;
  }
}
