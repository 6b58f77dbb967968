package dev.provision.module.testing;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.ConnectionSpec;
import dev.provision.connection.LocalConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The connection double that really runs: the product's {@link LocalConnection} ({@code /bin/sh
 * -c} on this machine, sudo for become unless the tests run as root, a timeout kills the process
 * tree), started in a working directory (a test's temp dir) with extra environment variables
 * (a PATH with a lab host's wrapper bin first), recording every command it is given. Commands
 * without a timeout get five minutes, so a hung test ends. {@link CannedConnection} is the one
 * that runs nothing.
 */
public final class ShellConnection implements Connection {

  private static final Duration LIMIT = Duration.ofMinutes(5);

  private final String host;
  private final Path workDir;
  private final Map<String, String> env;
  private final Consumer<Command> observer;
  private final Runnable onClose;
  private final LocalConnection local;
  private final List<Command> commands = Collections.synchronizedList(new ArrayList<>());

  /**
   * @param workDir where commands without their own {@code chdir} start, or null for this process's
   * @param env added to each command's own environment
   * @param observer told of each command before it runs (may be null)
   * @param onClose run on {@link #close()} (may be null)
   */
  public ShellConnection(String host, Path workDir, Map<String, String> env, Consumer<Command> observer,
      Runnable onClose) {
    this.host = host;
    this.workDir = workDir;
    this.env = Map.copyOf(env);
    this.observer = observer;
    this.onClose = onClose;
    this.local = new LocalConnection(new ConnectionSpec(host, "local", null, 0, null, null, null, false, null, null));
  }

  /** Commands start in {@code workDir}. */
  public ShellConnection(Path workDir) {
    this("local", workDir, Map.of(), null, null);
  }

  /** Commands get {@code env} (a PATH, say) on top of their own. */
  public ShellConnection(Map<String, String> env) {
    this("local", null, env, null, null);
  }

  @Override
  public CommandResult run(Command command) throws ConnectionException {
    commands.add(command);
    if (observer != null) {
      observer.accept(command);
    }
    Command run = command;
    if (!env.isEmpty()) {
      Map<String, String> all = new LinkedHashMap<>(env);
      all.putAll(command.env());
      run = run.withEnv(all);
    }
    if (run.chdir() == null && workDir != null) {
      run = run.withChdir(workDir.toString());
    }
    if (run.timeout() == null) {
      run = run.withTimeout(LIMIT);
    }
    return local.run(run);
  }

  /** Every command given so far, as given (facts included). */
  public List<Command> commands() {
    synchronized (commands) {
      return List.copyOf(commands);
    }
  }

  public List<String> scripts() {
    return commands().stream().map(Command::script).toList();
  }

  @Override
  public String target() {
    return "sh@" + host;
  }

  @Override
  public void close() {
    if (onClose != null) {
      onClose.run();
    }
  }
}
