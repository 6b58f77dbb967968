package dev.provision.cli.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Where text output goes. On a terminal, progress is redrawn in place and one-line summaries are
 * fitted to its width (read with {@code stty size} from the controlling terminal at start, and
 * again after each SIGWINCH); anywhere else, output is plain appended lines, never cut.
 */
public final class Terminal {

  private static final int DEFAULT_WIDTH = 80;

  private final boolean tty;
  private volatile int width;

  private Terminal(boolean tty, int width) {
    this.tty = tty;
    this.width = width;
  }

  /** Not a terminal: logs, pipes, CI. */
  public static Terminal plain() {
    return new Terminal(false, Integer.MAX_VALUE);
  }

  /** Whether standard output is a terminal ({@code System.console()}: stdin and stdout are). */
  public static Terminal detect() {
    if (System.console() == null) {
      return plain();
    }
    Terminal terminal = new Terminal(true, measure());
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> terminal.width = measure());
    } catch (IllegalArgumentException e) {
      // no SIGWINCH here: the width read at start stays
    }
    return terminal;
  }

  public boolean tty() {
    return tty;
  }

  /** Columns, on a terminal; unbounded otherwise. */
  public int width() {
    return width;
  }

  private static int measure() {
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
        String[] parts = out.split("\\s+");
        int columns = Integer.parseInt(parts[parts.length - 1]);
        if (columns > 0) {
          return columns;
        }
      }
    } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // not measurable: COLUMNS or the default below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      String columns = System.getenv("COLUMNS");
      return columns == null ? DEFAULT_WIDTH : Math.max(20, Integer.parseInt(columns.strip()));
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }
}
