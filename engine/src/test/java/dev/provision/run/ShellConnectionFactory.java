package dev.provision.run;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.ConnectionFactory;
import dev.provision.connection.ConnectionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test connection that really runs each command with {@code sh -c} on this machine, and records
 * what was opened and run. Hosts named in {@code unreachable} refuse to connect, as a dead host would.
 */
final class ShellConnectionFactory implements ConnectionFactory {

  final List<String> commands = Collections.synchronizedList(new ArrayList<>());
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
    return new Connection() {
      @Override
      public CommandResult run(Command command) throws ConnectionException {
        commands.add(spec.host() + ": " + command.script());
        Instant start = Instant.now();
        try {
          Process p = new ProcessBuilder("sh", "-c", command.script()).start();
          if (command.stdin() != null) {
            p.getOutputStream().write(command.stdin());
          }
          p.getOutputStream().close();
          long limit = command.timeout() == null ? 600_000 : command.timeout().toMillis();
          if (!p.waitFor(limit, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new ConnectionException(ConnectionException.Kind.TIMEOUT, spec.host(), "command timed out");
          }
          String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
          return new CommandResult(p.exitValue(), out, err, Duration.between(start, Instant.now()));
        } catch (IOException e) {
          throw new ConnectionException(ConnectionException.Kind.BROKEN, spec.host(), e.getMessage(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ConnectionException(ConnectionException.Kind.BROKEN, spec.host(), "interrupted", e);
        }
      }

      @Override
      public String target() {
        return "sh@" + spec.host();
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    };
  }
}
