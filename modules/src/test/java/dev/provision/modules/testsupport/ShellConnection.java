package dev.provision.modules.testsupport;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A minimal local connection for module tests: {@code sh -c} through ProcessBuilder with a chosen
 * PATH (a lab host's wrapper bin first). Stands in for the real LocalConnection, written
 * concurrently on another branch. The tests run as root, so {@code become} only gets recorded.
 */
public final class ShellConnection implements Connection {

  private final Map<String, String> env;
  private final List<Command> ran = new ArrayList<>();

  public ShellConnection(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public List<Command> ran() {
    return ran;
  }

  @Override
  public CommandResult run(Command command) throws ConnectionException {
    ran.add(command);
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command.script());
    pb.environment().putAll(env);
    pb.environment().putAll(command.env());
    long start = System.nanoTime();
    try {
      Process p = pb.start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        if (command.stdin() != null) {
          in.write(command.stdin());
        }
      }
      long limit = command.timeout() == null ? 300 : command.timeout().toSeconds();
      if (!p.waitFor(limit, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ConnectionException(ConnectionException.Kind.TIMEOUT, target(), "timed out: " + command);
      }
      return new CommandResult(p.exitValue(), out.join(), err.join(), Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new ConnectionException(ConnectionException.Kind.BROKEN, target(), e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException(ConnectionException.Kind.BROKEN, target(), "interrupted", e);
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }

  @Override
  public String target() {
    return "local (test shell)";
  }

  @Override
  public void close() {}
}
