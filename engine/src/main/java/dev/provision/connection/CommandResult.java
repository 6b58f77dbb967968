package dev.provision.connection;

import java.time.Duration;

/**
 * A finished command. {@code stdout} and {@code stderr} are what was kept of each stream (its last
 * {@link OutputTail#limit()} bytes); {@code stdoutDropped} and {@code stderrDropped} count the bytes
 * that came before them.
 */
public record CommandResult(int exitCode, String stdout, String stderr, Duration elapsed, long stdoutDropped,
    long stderrDropped) {

  public CommandResult(int exitCode, String stdout, String stderr, Duration elapsed) {
    this(exitCode, stdout, stderr, elapsed, 0, 0);
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** True when the start of stdout or stderr was dropped. */
  public boolean truncated() {
    return stdoutDropped > 0 || stderrDropped > 0;
  }

  /** stderr if it says anything, else stdout: the text to show when a command fails. */
  public String failureText() {
    String err = stderr == null ? "" : stderr.strip();
    return err.isEmpty() ? (stdout == null ? "" : stdout.strip()) : err;
  }
}
