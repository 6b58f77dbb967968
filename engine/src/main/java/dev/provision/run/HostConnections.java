package dev.provision.run;

import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.ConnectionFactory;
import dev.provision.connection.ConnectionSpec;
import dev.provision.connection.RunLock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * One connection per host, reused by all of that host's tasks and closed at the end of the run.
 * {@link #openAhead} starts opening the run's connections at once, in parallel, so handshakes
 * do not wait for a free fork and overlap other hosts' work; a host's first task takes its
 * connection when ready, or opens it itself if no opener got to it yet. A failure to connect is
 * reported by the host's first task, as if it had connected then. A broken connection is dropped
 * so the next attempt (a retry) reconnects.
 */
final class HostConnections implements AutoCloseable {

  private final ConnectionFactory factory;
  private final Function<Target, ConnectionSpec> specs;
  private final Map<Target, FutureTask<Connection>> opening = new ConcurrentHashMap<>();
  private final List<Connection> live = new ArrayList<>(); // guarded by this
  private boolean closed; // guarded by this
  private final RunLock lock; // null: take none
  private final java.util.Set<String> locked = ConcurrentHashMap.newKeySet();

  /**
   * A host as a task reaches it: its name, and the {@code connection}, {@code remote_user} and
   * {@code port} keywords in force, rendered. Tasks that reach a host alike share one connection.
   */
  record Target(String host, dev.provision.playbook.Reach reach) {
    static Target of(String host) {
      return new Target(host, dev.provision.playbook.Reach.NONE);
    }
  }

  HostConnections(ConnectionFactory factory, Function<Target, ConnectionSpec> specs) {
    this(factory, specs, null);
  }

  /** With {@code lock} not null, each host's run lock is taken by its first task (see {@link RunLock}). */
  HostConnections(ConnectionFactory factory, Function<Target, ConnectionSpec> specs, RunLock lock) {
    this.factory = factory;
    this.specs = specs;
    this.lock = lock;
  }

  /** Starts opening these hosts' connections, at most {@code parallel} at a time, on daemon threads. */
  void openAhead(Collection<Target> hosts, int parallel) {
    if (hosts.isEmpty()) {
      return;
    }
    ExecutorService openers = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, hosts.size())), r -> {
      Thread t = new Thread(r, "provision-connect");
      t.setDaemon(true);
      return t;
    });
    for (Target host : hosts) {
      FutureTask<Connection> task = newTask(host);
      if (opening.putIfAbsent(host, task) == null) {
        openers.execute(task);
      }
    }
    openers.shutdown(); // the threads end once every host was tried
  }

  Connection get(String host) throws ConnectionException {
    return get(Target.of(host), message -> { });
  }

  /**
   * The walker runs one node per host at a time, so only an opener can race with this. The first
   * call for a host takes its run lock, telling {@code waiting} while another run holds it; the host's
   * other connections (another {@code remote_user}, {@code connection: local}) do not, as the lock is
   * the run's, and a second take of it by the same login would wait for the first.
   */
  Connection get(Target target, java.util.function.Consumer<String> waiting) throws ConnectionException {
    String host = target.host();
    FutureTask<Connection> task = opening.computeIfAbsent(target, this::newTask);
    task.run(); // no-op if an opener started it already
    try {
      Connection connection = task.get();
      if (lock != null && locked.add(host)) {
        try {
          connection.holdRunLock(lock, waiting);
        } catch (ConnectionException | RuntimeException e) {
          locked.remove(host);
          throw e;
        }
      }
      return connection;
    } catch (ExecutionException e) {
      opening.remove(target, task); // the next attempt tries again
      if (e.getCause() instanceof ConnectionException ce) {
        throw ce;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException(ConnectionException.Kind.BROKEN, host,
          "interrupted while connecting to " + host, e);
    }
  }

  /** Closes every connection to {@code host}, however its tasks reach it. */
  void drop(String host) {
    locked.remove(host);
    for (Target t : List.copyOf(opening.keySet())) {
      if (t.host().equals(host)) {
        drop(opening.remove(t));
      }
    }
  }

  private void drop(FutureTask<Connection> task) {
    if (task != null && task.isDone()) {
      try {
        Connection c = task.get();
        synchronized (this) {
          live.remove(c);
        }
        closeQuietly(c);
      } catch (ExecutionException | InterruptedException | java.util.concurrent.CancellationException e) {
        // never connected: nothing to close
      }
    }
  }

  @Override
  public void close() {
    List<Connection> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(live);
      live.clear();
    }
    opening.clear();
    all.forEach(HostConnections::closeQuietly);
  }

  private FutureTask<Connection> newTask(Target target) {
    String host = target.host();
    return new FutureTask<>(() -> {
      ConnectionSpec spec;
      try {
        spec = specs.apply(target);
      } catch (IllegalArgumentException e) {
        throw new ConnectionException(ConnectionException.Kind.UNREACHABLE, host, e.getMessage());
      }
      Connection c = factory.open(spec);
      synchronized (this) {
        if (!closed) {
          live.add(c);
          return c;
        }
      }
      closeQuietly(c); // opened ahead for a run that has ended
      throw new ConnectionException(ConnectionException.Kind.BROKEN, host, "the run has ended");
    });
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (RuntimeException e) {
      // closing is best effort at the end of a run; the results are already reported
    }
  }
}
