package dev.provision.inventory;

/** A host pattern names nothing known, or is malformed. The message suggests a fix. */
public final class HostPatternException extends Exception {

  public HostPatternException(String message) {
    super(message);
  }
}
