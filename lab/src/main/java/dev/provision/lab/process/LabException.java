package dev.provision.lab.process;

import java.io.IOException;

/**
 * A lab step that cannot go on; the message says what is wrong and what to do. An IOException, so that a test
 * that runs a lab helper declares only the exception it would declare for any I/O.
 */
public final class LabException extends IOException {
  public LabException(String message) {
    super(message);
  }
}
