package dev.provision.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;

/**
 * Reads a remote command's stdout whose first line is the PID of its shell ({@code echo $$}), so a
 * timeout can kill exactly that process tree. The PID line is not part of the output, of which
 * only the tail is kept ({@link OutputTail}).
 */
final class PidPrefixedOutput implements Callable<OutputTail> {

  private final InputStream in;
  private volatile long pid = -1;

  PidPrefixedOutput(InputStream in) {
    this.in = in;
  }

  /** The remote shell's PID, or -1 if it has not been read (yet). */
  long pid() {
    return pid;
  }

  @Override
  public OutputTail call() throws IOException {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      first.write(b);
    }
    String line = first.toString(java.nio.charset.StandardCharsets.US_ASCII).strip();
    OutputTail out = new OutputTail();
    if (line.matches("[0-9]{1,10}")) {
      pid = Long.parseLong(line);
    } else {
      // A login shell printed something first; keep it as output rather than lose it.
      first.writeTo(out);
      if (b == '\n') {
        out.write('\n');
      }
    }
    if (b != -1) {
      in.transferTo(out);
    }
    return out;
  }
}
