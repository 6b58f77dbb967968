package dev.provision.connection.hostkey;

import java.util.List;

/**
 * What the known_hosts file says about a presented key. {@code entries} are the matching line
 * (KNOWN, REVOKED) or the lines holding the other key of the same type (CHANGED);
 * {@code otherKeyTypes} are key types known for the host that were not offered.
 */
public record HostKeyCheck(Verdict verdict, List<KnownHostEntry> entries, List<String> otherKeyTypes) {

  public enum Verdict {
    KNOWN,
    UNKNOWN,
    CHANGED,
    REVOKED
  }

  public HostKeyCheck {
    entries = List.copyOf(entries);
    otherKeyTypes = List.copyOf(otherKeyTypes);
  }

  public List<Integer> lines() {
    return entries.stream().map(KnownHostEntry::line).toList();
  }
}
