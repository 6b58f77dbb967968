package dev.provision.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Walks the group tree of a built {@link Inventory}. */
final class InventoryGraph {

  private InventoryGraph() {}

  /**
   * The hosts of a group and of all its descendants, without duplicates: the group's own hosts,
   * then its children's level by level (Ansible's get_hosts; it leaves the order inside deeper
   * levels to a set, this keeps file order).
   */
  static List<String> hostsOf(Inventory inventory, String group) {
    Set<String> hosts = new LinkedHashSet<>();
    for (String g : descendants(inventory, group)) {
      hosts.addAll(inventory.groups().get(g).hosts());
    }
    return new ArrayList<>(hosts);
  }

  /** The group itself, then its descendants breadth first. */
  static List<String> descendants(Inventory inventory, String group) {
    List<String> ordered = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    ordered.add(group);
    seen.add(group);
    for (int i = 0; i < ordered.size(); i++) {
      for (String child : inventory.groups().get(ordered.get(i)).children()) {
        if (seen.add(child)) {
          ordered.add(child);
        }
      }
    }
    return ordered;
  }
}
