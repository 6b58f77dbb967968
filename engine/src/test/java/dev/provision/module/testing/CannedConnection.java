package dev.provision.module.testing;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The connection double that runs nothing: it records each command and answers with the next
 * canned reply (exit 0 and no output when none are left). Fixture tests compare the recorded
 * commands; {@link ShellConnection} is the one that really runs them.
 */
public final class CannedConnection implements Connection {

  private final Deque<CommandResult> replies;
  private final List<Command> commands = new ArrayList<>();

  public CannedConnection(List<CommandResult> replies) {
    this.replies = new ArrayDeque<>(replies);
  }

  public CannedConnection() {
    this(List.of());
  }

  @Override
  public synchronized CommandResult run(Command command) {
    commands.add(command);
    CommandResult reply = replies.poll();
    return reply != null ? reply : new CommandResult(0, "", "", Duration.ZERO);
  }

  public synchronized List<Command> commands() {
    return List.copyOf(commands);
  }

  public synchronized List<String> scripts() {
    return commands.stream().map(Command::script).toList();
  }

  @Override
  public String target() {
    return "canned";
  }

  @Override
  public void close() {}
}
