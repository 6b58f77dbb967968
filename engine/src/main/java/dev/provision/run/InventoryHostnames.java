package dev.provision.run;

import dev.provision.inventory.Group;
import dev.provision.inventory.Host;
import dev.provision.inventory.HostPattern;
import dev.provision.inventory.HostPatternException;
import dev.provision.inventory.Inventory;
import dev.provision.template.HostPatterns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory's host patterns for {@code lookup('inventory_hostnames')}, over an inventory
 * rebuilt from the {@code groups} variable as Ansible's lookup rebuilds it. Found by
 * {@link java.util.ServiceLoader} (META-INF/services).
 */
public final class InventoryHostnames implements HostPatterns {

  @Override
  public List<String> select(String pattern, Map<String, List<String>> groups) {
    Map<String, Group> byName = new LinkedHashMap<>();
    Map<String, List<String>> groupsOf = new LinkedHashMap<>();
    groups.forEach((name, members) -> {
      byName.put(name, new Group(name, Map.of(), List.of(), members));
      members.forEach(h -> groupsOf.computeIfAbsent(h, x -> new ArrayList<>()).add(name));
    });
    Map<String, Host> hosts = new LinkedHashMap<>();
    groupsOf.forEach((h, in) -> hosts.put(h, new Host(h, Map.of(), in)));
    try {
      return HostPattern.parse(pattern).select(new Inventory(hosts, byName), unmatched -> { }).stream()
          .map(Host::name).toList();
    } catch (HostPatternException e) {
      return List.of(); // as Ansible's lookup: a pattern it cannot match gives no hosts
    }
  }
}
