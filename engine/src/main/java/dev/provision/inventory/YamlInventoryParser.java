package dev.provision.inventory;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's YAML inventory: top-level keys are groups, each with optional {@code hosts} (host
 * pattern to vars), {@code vars} and {@code children} (nested groups of the same shape). Where
 * Ansible only warns (a group that is not a mapping, an unknown key) this warns too, with a span.
 */
final class YamlInventoryParser {

  private static final List<String> SECTIONS = List.of("vars", "children", "hosts");

  private final InventoryBuilder inventory;
  private final Diagnostics diagnostics;

  YamlInventoryParser(InventoryBuilder inventory, Diagnostics diagnostics) {
    this.inventory = inventory;
    this.diagnostics = diagnostics;
  }

  void parse(YNode root) {
    if (!(root instanceof YMap map) || map.entries().isEmpty()) {
      diagnostics.error(
          root.span(),
          root instanceof YMap ? "the YAML inventory is empty" : "a YAML inventory must be a mapping of group names, not " + root.kind(),
          "start with `all:` and put hosts under `hosts:` and groups under `children:`");
      return;
    }
    if (map.has("plugin")) {
      diagnostics.error(
          map.keySpan("plugin"),
          "inventory plugin configuration files are not supported",
          "list the hosts in a static YAML or INI inventory");
      return;
    }
    map.entries().forEach((name, data) -> group(name, map.keySpan(name), data));
  }

  /** Returns the group's name, or null when the definition was skipped. */
  private String group(String name, SourceSpan nameSpan, YNode data) {
    if (!(data instanceof YMap) && !isNull(data)) {
      diagnostics.add(
          Diagnostic.warning(
              data.span(),
              "skipping `" + name + "`: a group must be a mapping, not " + data.kind(),
              "give the group `hosts:`, `vars:` or `children:` mappings"));
      return null;
    }
    inventory.addGroup(name);
    if (!(data instanceof YMap body)) {
      return name;
    }
    for (Map.Entry<String, YNode> e : body.entries().entrySet()) {
      String key = e.getKey();
      YNode value = e.getValue();
      if (!SECTIONS.contains(key)) {
        String hint = Suggestions.didYouMean(key, SECTIONS);
        diagnostics.add(
            Diagnostic.warning(
                body.keySpan(key),
                "skipping unexpected key `" + key + "` in group `" + name + "`: only `vars`, `children` and `hosts` are valid",
                hint != null ? hint : "move variables under `vars:`"));
        continue;
      }
      Map<String, YNode> section = section(name, key, value);
      if (section == null) {
        continue;
      }
      YMap sectionMap = value instanceof YMap m ? m : null;
      for (Map.Entry<String, YNode> item : section.entrySet()) {
        SourceSpan itemSpan = sectionMap != null ? sectionMap.keySpan(item.getKey()) : value.span();
        switch (key) {
          case "vars" -> groupVar(name, item.getKey(), item.getValue(), itemSpan);
          case "children" -> child(name, item.getKey(), item.getValue(), itemSpan);
          default -> hosts(name, item.getKey(), item.getValue(), itemSpan);
        }
      }
    }
    return name;
  }

  /** A section as a map; a bare string is one entry, as Ansible allows. Null when empty or invalid. */
  private Map<String, YNode> section(String group, String key, YNode value) {
    if (value instanceof YMap m) {
      return m.entries();
    }
    if (value instanceof YScalar s && !s.isNull()) {
      Map<String, YNode> single = new LinkedHashMap<>();
      single.put(s.text(), new YScalar("", true, s.span()));
      return single;
    }
    if (!isNull(value)) {
      diagnostics.error(
          value.span(),
          "`" + key + "` of group `" + group + "` must be a mapping, not " + value.kind(),
          key.equals("hosts") ? "write each host as a key: `hosts: {web1: {}}` or one host per line ending in `:`" : null);
    }
    return null;
  }

  private void groupVar(String group, String key, YNode value, SourceSpan span) {
    try {
      inventory.setGroupVar(group, key, value.toPlain());
    } catch (IllegalArgumentException e) {
      diagnostics.error(value.span(), e.getMessage(), "use a whole number; higher numbers win");
    }
  }

  private void child(String parent, String name, YNode data, SourceSpan span) {
    String child = group(name, span, data);
    if (child == null) {
      if (!inventory.groups.containsKey(name)) {
        return;
      }
      child = name;
    }
    try {
      inventory.addChild(parent, child);
    } catch (IllegalArgumentException e) {
      diagnostics.error(span, e.getMessage(), "remove one of the two `children` entries");
    }
  }

  private void hosts(String group, String entry, YNode vars, SourceSpan span) {
    HostRange.Expansion expansion;
    try {
      expansion = HostRange.expand(entry);
    } catch (IllegalArgumentException e) {
      diagnostics.error(span, "bad host entry `" + entry + "`: " + e.getMessage(), "write a range as [01:03], [1:9:2] or [a:c]");
      return;
    }
    if (!(vars instanceof YMap) && !isNull(vars)) {
      diagnostics.error(
          vars.span(),
          "the variables of host `" + entry + "` must be a mapping, not " + vars.kind(),
          "write `" + entry + ":` followed by indented `key: value` lines, or nothing");
      return;
    }
    for (String host : expansion.hosts()) {
      InventoryBuilder.HostNode node = inventory.addHost(host, group, expansion.port());
      if (vars instanceof YMap m) {
        m.entries().forEach((k, v) -> node.vars.put(k, v.toPlain()));
      }
    }
  }

  private static boolean isNull(YNode node) {
    return node instanceof YScalar s && s.isNull();
  }
}
