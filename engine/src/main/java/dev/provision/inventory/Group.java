package dev.provision.inventory;

import java.util.List;
import java.util.Map;

/** A group: its own variables, its direct child groups and its direct hosts, in file order. */
public record Group(String name, Map<String, Object> vars, List<String> children, List<String> hosts) {

  public Group {
    vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    children = List.copyOf(children);
    hosts = List.copyOf(hosts);
  }
}
