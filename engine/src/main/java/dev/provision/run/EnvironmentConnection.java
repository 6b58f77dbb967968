package dev.provision.run;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.RunLock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A host's connection as a task with {@code environment} sees it: every command runs with those
 * variables, under the command's own (a module's {@code env}). They travel as the launcher's exports
 * on stdin ({@code connection.CommandScripts}), never on a command line. Its commands that become
 * another user become the task's {@code become_user} by its {@code become_method}, so no module needs
 * to know. Closing it closes nothing: the connection is the host's, shared by its tasks.
 */
final class EnvironmentConnection implements Connection {

  private final Connection connection;
  private final Map<String, String> environment;
  private final dev.provision.connection.Become becomeAs;

  EnvironmentConnection(Connection connection, Map<String, String> environment) {
    this(connection, environment, dev.provision.connection.Become.ROOT);
  }

  EnvironmentConnection(Connection connection, Map<String, String> environment,
      dev.provision.connection.Become becomeAs) {
    this.connection = connection;
    this.environment = Map.copyOf(environment);
    this.becomeAs = becomeAs;
  }

  @Override
  public CommandResult run(Command command) throws ConnectionException {
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.putAll(command.env());
    return connection.run(command.withEnv(env).withBecomeAs(becomeAs));
  }

  @Override
  public void holdRunLock(RunLock lock, java.util.function.Consumer<String> waiting) throws ConnectionException {
    connection.holdRunLock(lock, waiting);
  }

  @Override
  public String target() {
    return connection.target();
  }

  @Override
  public void close() {
    // the host's connection outlives the task
  }
}
