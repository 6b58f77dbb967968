package dev.provision.inventory;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges host variables in Ansible's order (VARIABLE_PRECEDENCE defaults, later wins, shallow):
 * {@code all}'s inline vars, the host's groups' inline vars sorted by (depth, priority, name),
 * group_vars/all, group_vars/&lt;group&gt; in the same order, the host's inline vars, then
 * host_vars/&lt;host&gt;. So a group_vars file beats any group's inline vars. The group_vars/ and
 * host_vars/ beside the playbook come each right after the inventory's of the same kind (Ansible's
 * "playbook group_vars/all", "playbook group_vars/*", "playbook host_vars/*").
 */
final class InventoryVars {

  private final InventoryBuilder builder;
  private final Path base;
  private final Diagnostics diagnostics;
  private final VarsDirectoryLoader groupVars;
  private final VarsDirectoryLoader hostVars;
  private final VarsDirectoryLoader playbookGroupVars;
  private final VarsDirectoryLoader playbookHostVars;

  InventoryVars(InventoryBuilder builder, Path base, Path playbookDir, Diagnostics diagnostics) {
    this.builder = builder;
    this.base = base;
    this.diagnostics = diagnostics;
    this.groupVars = new VarsDirectoryLoader(base.resolve("group_vars"), diagnostics);
    this.hostVars = new VarsDirectoryLoader(base.resolve("host_vars"), diagnostics);
    boolean beside = playbookDir != null && !sameDir(playbookDir, base);
    this.playbookGroupVars = beside ? new VarsDirectoryLoader(playbookDir.resolve("group_vars"), diagnostics) : null;
    this.playbookHostVars = beside ? new VarsDirectoryLoader(playbookDir.resolve("host_vars"), diagnostics) : null;
  }

  private static boolean sameDir(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static Map<String, Object> varsOf(VarsDirectoryLoader loader, String name) {
    return loader == null ? Map.of() : loader.vars(name);
  }

  Inventory build() {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (InventoryBuilder.GroupNode g : builder.groups.values()) {
      Map<String, Object> vars = new LinkedHashMap<>(g.vars);
      vars.putAll(groupVars.vars(g.name));
      groups.put(g.name, new Group(g.name, vars, g.children, g.hosts));
    }
    Map<String, Host> hosts = new LinkedHashMap<>();
    for (InventoryBuilder.HostNode h : builder.hosts.values()) {
      List<String> sorted = sortedGroups(h);
      Map<String, Object> vars = new LinkedHashMap<>(builder.groups.get("all").vars);
      sorted.forEach(g -> vars.putAll(builder.groups.get(g).vars));
      vars.putAll(groupVars.vars("all"));
      vars.putAll(varsOf(playbookGroupVars, "all"));
      sorted.forEach(g -> vars.putAll(groupVars.vars(g)));
      sorted.forEach(g -> vars.putAll(varsOf(playbookGroupVars, g)));
      vars.putAll(h.vars);
      vars.putAll(hostVars.vars(h.name));
      vars.putAll(varsOf(playbookHostVars, h.name));
      hosts.put(h.name, new Host(h.name, vars, sorted.stream().sorted().toList()));
    }
    warnAboutStrayFiles("group_vars", builder.groups.keySet());
    warnAboutStrayFiles("host_vars", builder.hosts.keySet());
    List<Diagnostic> warnings = diagnostics.asList().stream().filter(d -> !d.isError()).toList();
    return new Inventory(hosts, groups, warnings);
  }

  /** Ansible's sort_groups over the host's groups and their ancestors, without {@code all}. */
  private List<String> sortedGroups(InventoryBuilder.HostNode host) {
    Set<String> names = builder.allGroups(host);
    names.remove("all");
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(
        Comparator.comparingInt((String g) -> builder.depth(g))
            .thenComparingInt(g -> builder.groups.get(g).priority)
            .thenComparing(Comparator.naturalOrder()));
    return sorted;
  }

  /** A vars file whose name matches no group (host) is usually a typo; Ansible ignores it silently. */
  private void warnAboutStrayFiles(String dirName, Set<String> known) {
    java.io.File[] files = base.resolve(dirName).toFile().listFiles();
    if (files == null) {
      return;
    }
    for (java.io.File f : files) {
      String name = f.getName();
      String ext = VarsDirectoryLoader.extension(name);
      String stem = List.of(".yml", ".yaml", ".json").contains(ext) ? name.substring(0, name.length() - ext.length()) : name;
      if (name.startsWith(".") || name.endsWith("~") || known.contains(stem)) {
        continue;
      }
      String hint = Suggestions.didYouMean(stem, known);
      diagnostics.add(
          Diagnostic.warning(
              SourceSpan.file(f.getPath()),
              dirName + "/" + name + " names no " + (dirName.startsWith("group") ? "group" : "host") + " of this inventory, so it is not used",
              hint != null ? hint : "rename it after a " + (dirName.startsWith("group") ? "group" : "host")));
    }
  }
}
