package dev.provision.run;

import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.ConnectionFactory;
import dev.provision.connection.ConnectionSpec;
import dev.provision.module.testing.ShellConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens a {@link ShellConnection} (commands really run with {@code sh -c} on this machine) for each
 * host, and records what was opened, run ({@code host: script}) and closed. Hosts named in
 * {@code unreachable} refuse to connect, as a dead host would.
 */
final class ShellConnectionFactory implements ConnectionFactory {

  final List<String> commands = Collections.synchronizedList(new ArrayList<>());
  /** The commands themselves, as each host's connection got them. */
  final List<dev.provision.connection.Command> sent = Collections.synchronizedList(new ArrayList<>());
  final List<ConnectionSpec> opened = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger closed = new AtomicInteger();
  private final Set<String> unreachable;

  ShellConnectionFactory(String... unreachable) {
    this.unreachable = Set.of(unreachable);
  }

  @Override
  public Connection open(ConnectionSpec spec) throws ConnectionException {
    if (unreachable.contains(spec.host())) {
      throw new ConnectionException(ConnectionException.Kind.UNREACHABLE, spec.host(),
          "connect to " + spec.address() + " port " + spec.port() + ": connection refused");
    }
    opened.add(spec);
    return new ShellConnection(spec.host(), null, Map.of(), c -> {
      commands.add(spec.host() + ": " + c.script());
      sent.add(c);
    },
        closed::incrementAndGet);
  }
}
