package dev.provision.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.connection.channel.direct.Session;

/** One command on one exec channel: pumps stdin, stdout and stderr, waits for the exit status. */
final class SshExec {

  /** The command outlived its timeout; {@code pid} is its remote shell, or -1 if unknown. */
  static final class TimedOut extends Exception {
    private final long pid;

    TimedOut(long pid) {
      super(null, null, false, false);
      this.pid = pid;
    }

    long pid() {
      return pid;
    }
  }

  /** The waiting thread was interrupted (task timeout, Ctrl-C); {@code pid} as for {@link TimedOut}. */
  static final class Cancelled extends Exception {
    private final long pid;

    Cancelled(long pid) {
      super(null, null, false, false);
      this.pid = pid;
    }

    long pid() {
      return pid;
    }
  }

  private static final long EXIT_STATUS_WAIT_MS = 10_000;

  private final Session session;
  private final String host;
  private final SshTarget target;

  SshExec(Session session, String host, SshTarget target) {
    this.session = session;
    this.host = host;
    this.target = target;
  }

  CommandResult run(String remote, byte[] stdin, java.nio.file.Path stdinFile, Duration timeout, long startNanos)
      throws ConnectionException, TimedOut, Cancelled {
    Session.Command command;
    try {
      command = session.exec(remote);
    } catch (IOException e) {
      throw broken("cannot start a command", e);
    }
    PidPrefixedOutput stdoutReader = new PidPrefixedOutput(command.getInputStream());
    Future<OutputTail> stdout = IoThreads.submit(stdoutReader);
    Future<OutputTail> stderr = IoThreads.readTail(command.getErrorStream());
    IoThreads.writeAndClose(command.getOutputStream(), stdin, stdinFile);
    long deadline = timeout == null ? Long.MAX_VALUE : startNanos + timeout.toNanos();
    try {
      OutputTail out = await(stdout, deadline);
      OutputTail err = await(stderr, deadline);
      long waitMs = Math.min(EXIT_STATUS_WAIT_MS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      command.join(waitMs, TimeUnit.MILLISECONDS);
      Integer status = command.getExitStatus();
      if (status == null && command.getExitSignal() == null) {
        throw broken("the command ended without an exit status", null);
      }
      int exit = status != null ? status : ExitCodes.ofSignal(command.getExitSignal());
      return new CommandResult(exit, new String(out.bytes(), StandardCharsets.UTF_8),
          new String(err.bytes(), StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - startNanos),
          out.dropped(), err.dropped());
    } catch (TimeoutException e) {
      throw new TimedOut(stdoutReader.pid());
    } catch (ExecutionException e) {
      throw broken("connection lost while the command ran", e.getCause());
    } catch (net.schmizz.sshj.connection.ConnectionException e) {
      if (timeout != null && System.nanoTime() >= deadline) {
        throw new TimedOut(stdoutReader.pid());
      }
      throw broken("connection lost while the command ran", e);
    } catch (InterruptedException e) {
      throw new Cancelled(stdoutReader.pid()); // the caller kills the remote command, then restores the flag
    }
  }

  private static <T> T await(Future<T> future, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (deadline == Long.MAX_VALUE) {
      return future.get();
    }
    return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private ConnectionException broken(String what, Throwable cause) {
    String detail = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    return new ConnectionException(ConnectionException.Kind.BROKEN, host, "ssh to " + target + ": " + what + detail, cause);
  }

  void close() {
    try {
      session.close();
    } catch (IOException | RuntimeException ignored) {
      // The channel is gone already (command finished or connection lost).
    }
  }
}
