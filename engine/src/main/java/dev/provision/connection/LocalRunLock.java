package dev.provision.connection;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The control node's {@link RunLock}, for local connections: the same script and lock file the
 * ssh path uses (so a local run and a run over ssh as the same login exclude each other), held by
 * one {@code /bin/sh} child of this process. It is this process's, shared by every local
 * connection of it: two hosts reached locally in one run must not wait for each other, as two
 * takes of one {@code flock} would. It ends with the last of them, or with this process (the
 * child's stdin closes, so a killed run never leaves it held).
 */
final class LocalRunLock {

  private static Process holder; // guarded by LocalRunLock.class
  private static int users; // guarded by LocalRunLock.class

  private LocalRunLock() {}

  /** Takes the lock for {@code host}'s local connection, or counts one more user of it. */
  static synchronized void take(RunLock lock, String host, Consumer<String> waiting) throws ConnectionException {
    if (users > 0) {
      users++;
      return;
    }
    Process p;
    try {
      p = new ProcessBuilder("/bin/sh", "-c", lock.script()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new ConnectionException(ConnectionException.Kind.BROKEN, host, "the run lock on " + host
          + ": cannot start /bin/sh: " + e.getMessage(), e);
    }
    try {
      RunLock.Taken taken = lock.take(p.getInputStream(), host, waiting);
      if (taken.held()) {
        holder = p;
        users = 1;
        return;
      }
      Integer status = p.waitFor(5, TimeUnit.SECONDS) ? p.exitValue() : null;
      throw lock.failure(host, status, taken.heldBy());
    } catch (IOException e) {
      throw new ConnectionException(ConnectionException.Kind.BROKEN, host, "the run lock on " + host
          + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException(ConnectionException.Kind.BROKEN, host, "interrupted taking the run lock on "
          + host, e);
    } finally {
      if (holder != p) {
        p.destroy();
      }
    }
  }

  /** One user fewer; the last one ends the holder, and so releases the lock. */
  static synchronized void release() {
    if (users == 0 || --users > 0) {
      return;
    }
    try {
      holder.getOutputStream().close(); // its `cat` ends, and the shell with the lock's descriptor
    } catch (IOException ignored) {
      // it is gone already
    }
    try {
      // it ends by itself once no co-holder of this run (an ssh login to this machine, as the same
      // user) is open: killing it would let another run in while that connection still works
      holder.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    holder = null;
  }
}
