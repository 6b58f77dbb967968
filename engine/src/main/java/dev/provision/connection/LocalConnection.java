package dev.provision.connection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs commands on the control node with commons-exec: {@code /bin/sh -c script}, behind sudo for
 * become unless this process already runs as root. A timeout kills the whole process tree. Its run
 * lock is the control node's, shared by this process's local connections ({@link LocalRunLock}).
 */
public final class LocalConnection implements Connection {

  private final String host;
  private final BecomeModes becomeModes;
  private boolean holdsRunLock; // guarded by this

  public LocalConnection(ConnectionSpec spec) {
    this.host = spec.host();
    this.becomeModes = new BecomeModes(spec.host(), System.getProperty("user.name"), spec.sudoPassword());
  }

  @Override
  public CommandResult run(Command command) throws ConnectionException {
    CommandScripts.Sudo sudo = becomeModes.mode(command, (probe, mode) -> execute(probe, mode).exitCode());
    return SudoFailures.check(execute(command, sudo), sudo, command.becomeAs(), host, becomeModes.login());
  }

  private CommandResult execute(Command command, CommandScripts.Sudo sudo) throws ConnectionException {
    long start = System.nanoTime();
    CommandLine line = commandLine(command, sudo);
    byte[] stdin = becomeModes.stdin(command, sudo);
    OutputTail out = new OutputTail();
    OutputTail err = new OutputTail();
    TreeKillingWatchdog watchdog = new TreeKillingWatchdog(command.timeout());
    DefaultExecutor executor = DefaultExecutor.builder().get();
    executor.setExitValues(null);
    java.io.InputStream input = new ByteArrayInputStream(stdin);
    if (command.stdinFile() != null) {
      try {
        input = new java.io.SequenceInputStream(input, java.nio.file.Files.newInputStream(command.stdinFile()));
      } catch (IOException e) {
        throw new ConnectionException(ConnectionException.Kind.BROKEN, host, "cannot read " + command.stdinFile()
            + " to send it: " + e.getMessage(), e);
      }
    }
    executor.setStreamHandler(new PumpStreamHandler(out, err, input));
    executor.setWatchdog(watchdog);
    int exit;
    try {
      exit = executor.execute(line);
    } catch (IOException e) {
      throw new ConnectionException(
          ConnectionException.Kind.BROKEN, host, "cannot run a local command: " + e.getMessage(), e);
    } finally {
      if (sudo == CommandScripts.Sudo.WITH_PASSWORD) {
        Arrays.fill(stdin, (byte) 0); // our copy holding the password, never the caller's bytes
      }
    }
    if (watchdog.timedOut()) {
      throw new ConnectionException(
          ConnectionException.Kind.TIMEOUT,
          host,
          "command timed out after " + Durations.format(command.timeout()) + " on " + host
              + " and was killed (with its child processes)");
    }
    return new CommandResult(exit, new String(out.bytes(), StandardCharsets.UTF_8),
        new String(err.bytes(), StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start), out.dropped(),
        err.dropped());
  }

  private static CommandLine commandLine(Command command, CommandScripts.Sudo sudo) {
    if (sudo == CommandScripts.Sudo.NONE) {
      return new CommandLine("/bin/sh").addArgument("-c").addArgument(CommandScripts.inner(command), false);
    }
    // sudo or su with its flags, as the connections over ssh run it: the same words, through a shell
    return new CommandLine("/bin/sh").addArgument("-c")
        .addArgument(CommandScripts.shellCommand(command, sudo, command.becomeAs()), false);
  }

  @Override
  public String target() {
    return "local";
  }

  /** Takes the control node's run lock ({@link LocalRunLock}, shared by this process's local connections). */
  @Override
  public synchronized void holdRunLock(RunLock lock, java.util.function.Consumer<String> waiting)
      throws ConnectionException {
    if (!holdsRunLock) {
      LocalRunLock.take(lock, host, waiting);
      holdsRunLock = true;
    }
  }

  @Override
  public synchronized void close() {
    if (holdsRunLock) {
      holdsRunLock = false;
      LocalRunLock.release();
    }
  }

  /** commons-exec's watchdog kills only the shell; this one kills its descendants first. */
  private static final class TreeKillingWatchdog extends ExecuteWatchdog {
    private volatile Process process;
    private volatile boolean timedOut;

    @SuppressWarnings("deprecation")
    TreeKillingWatchdog(Duration timeout) {
      super(timeout == null ? ExecuteWatchdog.INFINITE_TIMEOUT : Math.max(1, timeout.toMillis()));
    }

    @Override
    public synchronized void start(Process started) {
      this.process = started;
      super.start(started);
    }

    @Override
    public synchronized void timeoutOccured(org.apache.commons.exec.Watchdog w) {
      Process p = process;
      if (p != null && p.isAlive()) {
        timedOut = true;
        ProcessTrees.kill(p.toHandle());
      }
      super.timeoutOccured(w);
    }

    /** Set by us: commons-exec's own flag stays false when the tree was already killed here. */
    boolean timedOut() {
      return timedOut;
    }
  }
}
