package dev.provision.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Small process helpers for the SSH lab, and the "skip here, fail in CI" rule for missing tools. */
public final class LabTools {

  public static final Path SSHD = Path.of("/usr/sbin/sshd");

  private LabTools() {}

  /**
   * Skips the calling test with a printed reason when {@code tool} is missing, except when the
   * environment variable CI is set: CI installs everything, so a missing tool there is a failure.
   */
  public static void require(Path tool, String packageHint) {
    if (Files.isExecutable(tool)) {
      return;
    }
    String reason = tool + " is missing (install " + packageHint + ")";
    if (System.getenv("CI") != null) {
      throw new IllegalStateException("CI is set but " + reason);
    }
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** Runs a command, returns its stdout; throws with its output if it fails. */
  public static String run(List<String> command) throws IOException {
    return run(command, null);
  }

  public static String run(List<String> command, String stdin) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Process process = builder.start();
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(command + " exited " + process.exitValue() + ": " + output);
    }
    return output;
  }

  /** Sends a signal by name (STOP, CONT, KILL) to a process. */
  public static void signal(long pid, String signal) throws IOException {
    run(List.of("kill", "-" + signal, Long.toString(pid)));
  }
}
