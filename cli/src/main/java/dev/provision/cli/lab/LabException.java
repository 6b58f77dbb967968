package dev.provision.cli.lab;

/** A lab step that cannot go on; the message says what is wrong and what to do. */
public final class LabException extends Exception {
  public LabException(String message) {
    super(message);
  }
}
