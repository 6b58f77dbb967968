package dev.provision.inventory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable inventory the parsers fill, with Ansible's rules: {@code all} and {@code ungrouped}
 * exist from the start, a host keeps the port of its first definition, a group may not become its
 * own ancestor, and {@link #reconcile()} puts parentless groups under {@code all} and groupless hosts
 * in {@code ungrouped}.
 */
final class InventoryBuilder {

  /** A group while it is being built. {@code priority} is {@code ansible_group_priority}. */
  static final class GroupNode {
    final String name;
    final Map<String, Object> vars = new LinkedHashMap<>();
    final List<String> children = new ArrayList<>();
    final List<String> parents = new ArrayList<>();
    final List<String> hosts = new ArrayList<>();
    int priority = 1;

    GroupNode(String name) {
      this.name = name;
    }
  }

  /** A host while it is being built: its own (inline) vars and its direct groups, in order. */
  static final class HostNode {
    final String name;
    final Map<String, Object> vars = new LinkedHashMap<>();
    final List<String> groups = new ArrayList<>();

    HostNode(String name) {
      this.name = name;
    }
  }

  final Map<String, GroupNode> groups = new LinkedHashMap<>();
  final Map<String, HostNode> hosts = new LinkedHashMap<>();

  InventoryBuilder() {
    addGroup("all");
    addGroup("ungrouped");
    addChild("all", "ungrouped");
  }

  GroupNode addGroup(String name) {
    return groups.computeIfAbsent(name, GroupNode::new);
  }

  /** Adds the host (the port counts only the first time, as in Ansible) and puts it in the group. */
  HostNode addHost(String name, String group, Integer port) {
    HostNode host = hosts.get(name);
    if (host == null) {
      host = new HostNode(name);
      hosts.put(name, host);
      if (port != null) {
        host.vars.put("ansible_port", port.longValue());
      }
    }
    GroupNode g = groups.get(group);
    if (!g.hosts.contains(name)) {
      g.hosts.add(name);
      host.groups.add(group);
    }
    return host;
  }

  /**
   * Makes {@code child} a child group of {@code parent}.
   *
   * @throws IllegalArgumentException when that would make a cycle
   */
  void addChild(String parent, String child) {
    if (parent.equals(child)) {
      throw new IllegalArgumentException("group `" + parent + "` cannot be a child of itself");
    }
    GroupNode p = groups.get(parent);
    if (p.children.contains(child)) {
      return;
    }
    if (ancestors(parent).contains(child)) {
      throw new IllegalArgumentException(
          "adding group `" + child + "` as a child of `" + parent + "` creates a loop: `" + child + "` is already an ancestor of `" + parent + "`");
    }
    p.children.add(child);
    groups.get(child).parents.add(parent);
  }

  /** Sets a group variable; {@code ansible_group_priority} sets the priority instead, as in Ansible. */
  void setGroupVar(String group, String key, Object value) {
    GroupNode g = groups.get(group);
    if (key.equals("ansible_group_priority")) {
      g.priority = toPriority(value);
    } else {
      g.vars.put(key, value);
    }
  }

  private static int toPriority(Object value) {
    try {
      return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ansible_group_priority must be an integer, not `" + value + "`");
    }
  }

  Set<String> ancestors(String group) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(groups.get(group).parents);
    while (!todo.isEmpty()) {
      String g = todo.pop();
      if (seen.add(g)) {
        todo.addAll(groups.get(g).parents);
      }
    }
    return seen;
  }

  /** Ansible's reconcile_inventory, run once after every source has been parsed. */
  void reconcile() {
    for (GroupNode g : new ArrayList<>(groups.values())) {
      if (!g.name.equals("all") && g.parents.isEmpty()) {
        addChild("all", g.name);
      }
    }
    GroupNode ungrouped = groups.get("ungrouped");
    for (HostNode host : hosts.values()) {
      Set<String> all = allGroups(host);
      if (all.contains("ungrouped")) {
        Set<String> others = new LinkedHashSet<>(all);
        others.remove("all");
        others.remove("ungrouped");
        if (!others.isEmpty()) {
          ungrouped.hosts.remove(host.name);
          host.groups.remove("ungrouped");
        }
      } else if (all.isEmpty() || all.equals(Set.of("all"))) {
        ungrouped.hosts.add(host.name);
        host.groups.add("ungrouped");
      }
    }
  }

  /** The host's groups with all their ancestors. */
  Set<String> allGroups(HostNode host) {
    Set<String> result = new LinkedHashSet<>();
    for (String g : host.groups) {
      result.add(g);
      result.addAll(ancestors(g));
    }
    return result;
  }

  /** Ansible's group depth: the longest path from a root ({@code all}) down to the group. */
  int depth(String group) {
    int depth = 0;
    for (String parent : groups.get(group).parents) {
      depth = Math.max(depth, depth(parent) + 1);
    }
    return depth;
  }
}
