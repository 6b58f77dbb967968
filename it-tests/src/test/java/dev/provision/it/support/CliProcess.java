package dev.provision.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI as a child JVM ({@code java -cp <test classpath> dev.provision.cli.Main}), for what an
 * in-process run cannot do: signals (SIGINT) and environment variables. Output goes to files, so
 * a test can watch stdout while the process runs.
 */
public final class CliProcess implements AutoCloseable {

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private CliProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static CliProcess start(Path workDir, Map<String, String> env, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        "dev.provision.cli.Main"));
    command.addAll(args);
    Path out = Files.createTempFile(workDir, "cli-", ".out");
    Path err = Files.createTempFile(workDir, "cli-", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("PROVISION_SUDO_PASSWORD");
    builder.environment().putAll(env);
    return new CliProcess(builder.start(), out, err);
  }

  /** Runs to the end (at most two minutes). */
  public static Cli run(Path workDir, Map<String, String> env, List<String> args) throws IOException {
    try (CliProcess p = start(workDir, env, args)) {
      return p.await(120);
    }
  }

  public long pid() {
    return process.pid();
  }

  public String stdoutSoFar() throws IOException {
    return Files.readString(stdout);
  }

  /** Waits until stdout contains {@code text}; false after {@code seconds}. */
  public boolean awaitOutput(String text, long seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (stdoutSoFar().contains(text)) {
        return true;
      }
      if (!process.isAlive()) {
        return stdoutSoFar().contains(text);
      }
      Thread.sleep(50);
    }
    return false;
  }

  public void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    kill.waitFor();
  }

  public Cli await(long seconds) throws IOException {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the CLI did not finish within " + seconds + "s\n--- stdout\n"
            + Files.readString(stdout) + "\n--- stderr\n" + Files.readString(stderr));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return new Cli(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
