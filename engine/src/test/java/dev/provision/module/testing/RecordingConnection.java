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
 * A connection that runs nothing: it records each command and answers with the next canned reply
 * (exit 0 and no output when none are left). Fixture tests compare the recorded scripts.
 */
public final class RecordingConnection implements Connection {

  private final Deque<CommandResult> replies;
  private final List<Command> commands = new ArrayList<>();

  public RecordingConnection(List<CommandResult> replies) {
    this.replies = new ArrayDeque<>(replies);
  }

  public RecordingConnection() {
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
    return "recording";
  }

  @Override
  public void close() {}
}
