package dev.provision.inventory;

import java.util.List;
import java.util.Map;

/**
 * A host of the inventory. {@code vars} are the host's inventory variables after Ansible's
 * precedence (all, then parent groups before child groups, groups of equal depth by name, then the
 * host's own vars, then host_vars/). {@code groups} are all groups it belongs to, without
 * {@code all}, sorted.
 */
public record Host(String name, Map<String, Object> vars, List<String> groups) {

  public Host {
    vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    groups = List.copyOf(groups);
  }
}
