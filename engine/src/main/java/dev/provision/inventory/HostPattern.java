package dev.provision.inventory;

import java.util.List;

/** An Ansible host pattern. TODO(inventory): full implementation. */
public final class HostPattern {

  private final String text;

  private HostPattern(String text) {
    this.text = text;
  }

  public static HostPattern parse(String text) {
    return new HostPattern(text);
  }

  public List<Host> select(Inventory inventory) throws HostPatternException {
    throw new HostPatternException("host patterns are not implemented yet: " + text);
  }
}
