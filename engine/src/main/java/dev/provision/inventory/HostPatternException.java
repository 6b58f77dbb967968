package dev.provision.inventory;

/** A host pattern names nothing known, or is malformed. The message suggests a fix. */
public final class HostPatternException extends Exception {

  private final boolean unmatchedName;

  public HostPatternException(String message) {
    this(message, false);
  }

  HostPatternException(String message, boolean unmatchedName) {
    super(message);
    this.unmatchedName = unmatchedName;
  }

  /** A well-formed name that is neither a host nor a group: Ansible warns and ignores it in a play's hosts. */
  public boolean unmatchedName() {
    return unmatchedName;
  }
}
