package dev.provision.connection;

import java.time.Duration;
import java.util.Arrays;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * Runs commands on one host over one sshj connection, one exec channel per command. The
 * connection is opened by {@link #open} and reopened on the next command if it was lost (so a
 * task retry after a dropped connection can succeed). Become is sudo unless the login user is root.
 */
public final class SshConnection implements Connection {

  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

  private final ConnectionSpec spec;
  private RunLock runLock; // guarded by this; null: no run lock asked for
  private java.util.function.Consumer<String> lockWaiting; // guarded by this
  private Session lockSession; // guarded by this: the channel whose process holds the lock
  private final SshTarget target;
  private final SshConnector connector;
  private SSHClient client;
  private final BecomeModes becomeModes;

  private SshConnection(ConnectionSpec spec) {
    this.spec = spec;
    this.target = SshTarget.of(spec);
    this.connector = new SshConnector(spec, target);
    this.becomeModes = new BecomeModes(spec.host(), target.user(), spec.sudoPassword());
  }

  /** Connects and logs in now, so an unreachable host is reported before its first task. */
  public static SshConnection open(ConnectionSpec spec) throws ConnectionException {
    SshConnection connection = new SshConnection(spec);
    connection.client = connection.connector.open();
    return connection;
  }

  @Override
  public synchronized CommandResult run(Command command) throws ConnectionException {
    CommandScripts.Sudo sudo = becomeModes.mode(command, (probe, mode) -> run(probe, mode, false).exitCode());
    return SudoFailures.check(run(command, sudo, true), sudo, command.becomeAs(), spec.host(), target.user());
  }

  /** {@code killOnTimeout} is false for the kill command itself, so a frozen host cannot loop. */
  private CommandResult run(Command command, CommandScripts.Sudo sudo, boolean killOnTimeout)
      throws ConnectionException {
    String remote = "echo $$; exec " + CommandScripts.shellCommand(command, sudo, command.becomeAs());
    byte[] stdin = becomeModes.stdin(command, sudo);
    long start = System.nanoTime();
    Session session;
    try {
      session = startSession(command.timeout() == null ? Long.MAX_VALUE : start + command.timeout().toNanos());
    } catch (SshExec.TimedOut t) {
      dropClient();
      throw timedOut(command, "the host did not answer; connection closed");
    }
    SshExec exec = new SshExec(session, spec.host(), target);
    try {
      return exec.run(remote, stdin, command.stdinFile(), command.timeout(), start);
    } catch (SshExec.TimedOut t) {
      boolean killed = killOnTimeout && killRemote(t.pid(), sudo);
      if (!killed) {
        dropClient();
      }
      throw timedOut(command, killed ? "killed with its child processes" : "killed by closing the connection");
    } catch (SshExec.Cancelled c) {
      // a cancelled task (its timeout, Ctrl-C) must not leave its command running on the host
      boolean killed = killOnTimeout && killRemote(c.pid(), sudo);
      if (!killed) {
        dropClient();
      }
      Thread.currentThread().interrupt();
      throw new ConnectionException(ConnectionException.Kind.BROKEN, spec.host(), "cancelled: the command on "
          + spec.host() + " was " + (killed ? "killed with its child processes" : "killed by closing the connection"));
    } catch (ConnectionException e) {
      if (e.kind() == ConnectionException.Kind.BROKEN) {
        dropClient();
      }
      throw e;
    } finally {
      exec.close();
      if (sudo == CommandScripts.Sudo.WITH_PASSWORD) {
        Arrays.fill(stdin, (byte) 0); // our copy holding the password, never the caller's bytes
      }
    }
  }

  private ConnectionException timedOut(Command command, String what) {
    return new ConnectionException(ConnectionException.Kind.TIMEOUT, spec.host(),
        "command timed out after " + Durations.format(command.timeout()) + " on " + spec.host() + " (" + what + ")");
  }

  /** Kills the timed-out command's process tree over a fresh channel; false if that failed. */
  private boolean killRemote(long pid, CommandScripts.Sudo sudo) {
    if (pid <= 0) {
      return false;
    }
    // the caller may have been interrupted (that is often why we kill): the kill must still run
    boolean interrupted = Thread.interrupted();
    try {
      // as root when the command became anyone: a become user's password may not be at hand twice
      boolean become = sudo != CommandScripts.Sudo.NONE;
      Command kill = Command.of(CommandScripts.killTree(pid)).withBecome(become).withTimeout(KILL_TIMEOUT);
      return run(kill, become ? becomeModes.mode(kill, (probe, mode) -> run(probe, mode, false).exitCode())
          : CommandScripts.Sudo.NONE, false).succeeded();
    } catch (ConnectionException e) {
      return false;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Opens a channel, waiting no longer than the command's deadline or the connect timeout. */
  private Session startSession(long deadline) throws ConnectionException, SshExec.TimedOut {
    ensureClient();
    long openMs = connector.connectTimeout().toMillis();
    long leftMs = deadline == Long.MAX_VALUE ? openMs : (deadline - System.nanoTime()) / 1_000_000;
    client.getConnection().setTimeoutMs((int) Math.max(1, Math.min(openMs, leftMs)));
    try {
      return client.startSession();
    } catch (java.io.IOException | RuntimeException e) {
      dropClient();
      if (System.nanoTime() >= deadline - 1_000_000) {
        throw new SshExec.TimedOut(-1);
      }
      throw new ConnectionException(ConnectionException.Kind.BROKEN, spec.host(),
          "cannot open an ssh channel to " + target + ": " + e.getMessage(), e);
    }
  }

  private void ensureClient() throws ConnectionException {
    if (client == null || !client.isConnected() || !client.isAuthenticated()) {
      dropClient();
      client = connector.open();
      if (runLock != null) {
        takeRunLock(); // the lock went with the old client
      }
    }
  }

  private void dropClient() {
    if (lockSession != null) {
      closeQuietly(lockSession);
      lockSession = null;
    }
    if (client != null) {
      SshConnector.closeQuietly(client);
      client = null;
    }
  }

  @Override
  public String target() {
    return target.toString();
  }

  /**
   * Runs {@link RunLock#script} on a channel of its own that stays open for the run; its stdout
   * says when the lock is held. The lock goes with the client: a reconnect takes it again.
   */
  @Override
  public synchronized void holdRunLock(RunLock lock, java.util.function.Consumer<String> waiting)
      throws ConnectionException {
    this.runLock = lock;
    this.lockWaiting = waiting;
    ensureClient();
    if (lockSession == null) {
      takeRunLock();
    }
  }

  private void takeRunLock() throws ConnectionException {
    Session session;
    try {
      session = startSession(Long.MAX_VALUE);
    } catch (SshExec.TimedOut t) {
      dropClient();
      throw new ConnectionException(ConnectionException.Kind.BROKEN, spec.host(), "cannot open a channel to "
          + target + " for the run lock");
    }
    try {
      Session.Command holder = session.exec("/bin/sh -c " + Shell.quote(runLock.script()));
      RunLock.Taken taken = runLock.take(holder.getInputStream(), spec.host(), lockWaiting);
      if (taken.held()) {
        lockSession = session;
        return;
      }
      holder.join(5, java.util.concurrent.TimeUnit.SECONDS);
      Integer status = holder.getExitStatus();
      closeQuietly(session);
      throw runLock.failure(spec.host(), status, taken.heldBy());
    } catch (java.io.IOException e) {
      closeQuietly(session);
      throw new ConnectionException(ConnectionException.Kind.BROKEN, spec.host(), "the run lock on " + spec.host()
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    dropClient();
  }

  private static void closeQuietly(Session session) {
    try {
      session.close();
    } catch (java.io.IOException | RuntimeException ignored) {
      // the channel is gone already
    }
  }
}
