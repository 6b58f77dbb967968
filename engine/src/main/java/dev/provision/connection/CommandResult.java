package dev.provision.connection;

import java.time.Duration;

public record CommandResult(int exitCode, String stdout, String stderr, Duration elapsed) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** stderr if it says anything, else stdout: the text to show when a command fails. */
  public String failureText() {
    String err = stderr == null ? "" : stderr.strip();
    return err.isEmpty() ? (stdout == null ? "" : stdout.strip()) : err;
  }
}
