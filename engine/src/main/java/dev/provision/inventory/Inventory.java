package dev.provision.inventory;

import dev.provision.diag.Diagnostic;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hosts and groups, as Ansible sees them. Always has the groups {@code all} and {@code ungrouped}. */
public final class Inventory {

  private final Map<String, Host> hosts;
  private final Map<String, Group> groups;
  private final List<Diagnostic> warnings;

  public Inventory(Map<String, Host> hosts, Map<String, Group> groups) {
    this(hosts, groups, List.of());
  }

  /** {@code warnings}: what Ansible would also accept but probably is a mistake, for the CLI to show. */
  public Inventory(Map<String, Host> hosts, Map<String, Group> groups, List<Diagnostic> warnings) {
    this.hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    this.warnings = List.copyOf(warnings);
  }

  /** Warnings found while loading (skipped keys, vars files naming no group or host). */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  /** Hosts in inventory order. */
  public Map<String, Host> hosts() {
    return hosts;
  }

  public Map<String, Group> groups() {
    return groups;
  }

  public Optional<Host> host(String name) {
    return Optional.ofNullable(hosts.get(name));
  }

  /**
   * Hosts matching an Ansible host pattern ({@code all}, a group or host name, {@code a:b},
   * {@code a:&b}, {@code a:!b}, wildcards), in inventory order.
   */
  public List<Host> select(String pattern) throws HostPatternException {
    return HostPattern.parse(pattern).select(this);
  }
}
