package dev.provision.module.testing;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A tiny real connection for module tests: {@code sh -c script} on this machine, started in a
 * working directory (a test's temp dir). It honours stdin, env, chdir and timeout, and ignores
 * become (tests run as whoever runs them). Not the product's LocalConnection.
 */
public final class ProcessConnection implements Connection {

  private final Path workDir;
  private final List<String> scripts = new ArrayList<>();

  public ProcessConnection(Path workDir) {
    this.workDir = workDir;
  }

  @Override
  public synchronized CommandResult run(Command command) throws ConnectionException {
    scripts.add(command.script());
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command.script());
    pb.directory(command.chdir() != null ? Path.of(command.chdir()).toFile() : workDir.toFile());
    pb.environment().putAll(command.env());
    long start = System.nanoTime();
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        if (command.stdin() != null) {
          in.write(command.stdin());
        }
      } catch (IOException e) {
        // the command stopped reading (it failed early): its exit code and stderr say why
      }
      Duration limit = command.timeout() != null ? command.timeout() : Duration.ofMinutes(2);
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new ConnectionException(ConnectionException.Kind.TIMEOUT, "local", "timed out after " + limit);
      }
      return new CommandResult(p.exitValue(), text(out), text(err), Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new ConnectionException(ConnectionException.Kind.BROKEN, "local", e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException(ConnectionException.Kind.BROKEN, "local", "interrupted", e);
    }
  }

  /** Every script run so far, facts included. */
  public synchronized List<String> scripts() {
    return List.copyOf(scripts);
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        stream.transferTo(buffer);
        return buffer.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static String text(CompletableFuture<byte[]> bytes) {
    return new String(bytes.join(), StandardCharsets.UTF_8);
  }

  @Override
  public String target() {
    return "local-test";
  }

  @Override
  public void close() {}
}
