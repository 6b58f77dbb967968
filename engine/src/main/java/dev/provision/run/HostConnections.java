package dev.provision.run;

import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.ConnectionFactory;
import dev.provision.connection.ConnectionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One connection per host, opened on first use, reused by all of that host's tasks and closed at
 * the end of the run. A broken connection is dropped so the next attempt (a retry) reconnects.
 */
final class HostConnections implements AutoCloseable {

  private final ConnectionFactory factory;
  private final Function<String, ConnectionSpec> specs;
  private final Map<String, Connection> open = new ConcurrentHashMap<>();

  HostConnections(ConnectionFactory factory, Function<String, ConnectionSpec> specs) {
    this.factory = factory;
    this.specs = specs;
  }

  /** The walker runs one node per host at a time, so there is no race for the same host. */
  Connection get(String host) throws ConnectionException {
    Connection c = open.get(host);
    if (c == null) {
      ConnectionSpec spec;
      try {
        spec = specs.apply(host);
      } catch (IllegalArgumentException e) {
        throw new ConnectionException(ConnectionException.Kind.UNREACHABLE, host, e.getMessage());
      }
      c = factory.open(spec);
      open.put(host, c);
    }
    return c;
  }

  void drop(String host) {
    Connection c = open.remove(host);
    if (c != null) {
      closeQuietly(c);
    }
  }

  @Override
  public void close() {
    List<Connection> all = new ArrayList<>(open.values());
    open.clear();
    all.forEach(HostConnections::closeQuietly);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (RuntimeException e) {
      // closing is best effort at the end of a run; the results are already reported
    }
  }
}
