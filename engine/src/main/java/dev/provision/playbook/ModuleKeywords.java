package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.module.Module;
import dev.provision.module.ModuleRegistry;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code collections} and {@code module_defaults} (on a play, a role entry, a block or a task)
 * give a task's module: a short module name is looked up in the listed collections first, then as
 * Provision knows it ({@code ansible.builtin}'s and its own aliases), as Ansible searches the list
 * then {@code ansible.legacy}; and the defaults of the task's module (by any of its names, or a
 * group it is in; a short name there is never looked up in {@code collections}, as in Ansible) go under the task's own arguments: a group's first, the module's own over them;
 * an inner level's entry for a module replaces the outer level's.
 */
final class ModuleKeywords {

  private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+");

  /** Ansible's {@code group/NAME} of module defaults Provision knows: a prefix of the modules' names. */
  private static final Map<String, String> GROUPS = Map.of("k8s", "kubernetes.core.",
      "kubernetes.core.k8s", "kubernetes.core.", "kubevirt.core.kubevirt", "kubevirt.core.");

  private final ModuleRegistry modules;

  ModuleKeywords(ModuleRegistry modules) {
    this.modules = modules;
  }

  /** {@code collections}: a list of {@code namespace.name}; the key's span for errors. */
  static List<String> collections(YNode value, Keywords keywords) {
    List<String> names = new ArrayList<>();
    List<YNode> items = value instanceof YSeq seq ? seq.items() : List.of(value);
    for (YNode item : items) {
      String name = item instanceof YScalar s && !s.isNull() ? s.text().strip() : null;
      if (name == null || !COLLECTION.matcher(name).matches()) {
        keywords.out().error(item.span(), "each item of `collections` must be a collection name such as"
            + " `kubernetes.core`, not " + (name == null ? item.kind() : "`" + name + "`"),
            "write `collections: [kubernetes.core]`");
      } else {
        names.add(name);
      }
    }
    return names;
  }

  /** The module {@code key} names, looked up in {@code collections} first when it is short. */
  Optional<Module> resolve(String key, List<String> collections) {
    if (!key.contains(".")) {
      for (String c : collections) {
        Optional<Module> m = modules.find(c + "." + key);
        if (m.isPresent()) {
          return m;
        }
      }
    }
    return modules.find(key);
  }

  /** The name the task keeps for its module: as written, or the collection's name a short one resolved to. */
  String name(String key, List<String> collections) {
    if (!key.contains(".")) {
      for (String c : collections) {
        if (modules.find(c + "." + key).isPresent()) {
          return c + "." + key;
        }
      }
    }
    return key;
  }

  /**
   * {@code map}'s {@code module_defaults} over {@code parent}'s, their module names resolved to the
   * modules they name (never through {@code collections}, as in Ansible), so they merge by module.
   */
  YNode defaults(YMap map, Inherited parent) {
    YNode own = map.entries().get("module_defaults");
    if (!(own instanceof YMap o)) {
      return parent.keywords().get("module_defaults");
    }
    Map<String, YNode> entries = new LinkedHashMap<>();
    Map<String, SourceSpan> keys = new LinkedHashMap<>();
    o.entries().forEach((k, v) -> {
      // as in Ansible, module_defaults do not use `collections`: a short name is ansible-core's (or an alias)
      String name = k.startsWith("group/") ? k : modules.find(k).map(Module::name).orElse(k);
      entries.put(name, v);
      keys.put(name, o.keySpan(k));
    });
    return merge(parent.keywords().get("module_defaults"), new YMap(entries, keys, o.span()));
  }

  /** The collections in force on {@code map}: its own, else what its parents give it (errors reported where written). */
  static List<String> inForce(YMap map, Inherited parent) {
    YNode node = map.has("collections") ? map.entries().get("collections") : parent.keywords().get("collections");
    return node == null ? List.of() : collections(node, new Keywords(new Diagnostics()));
  }

  /** Checks {@code module_defaults}: a mapping of module names or {@code group/NAME} to mappings of parameters. */
  static void check(YNode value, Keywords keywords) {
    Diagnostics out = keywords.out();
    if (!(value instanceof YMap map)) {
      if (!(value instanceof YScalar s && s.isNull())) {
        out.error(value.span(), "`module_defaults` must be a mapping of module names to parameters, not "
            + value.kind(), "write `module_defaults: {kubernetes.core.k8s: {kubeconfig: /etc/kube.conf}}`");
      }
      return;
    }
    map.entries().forEach((name, params) -> {
      if (name.startsWith("group/") && !GROUPS.containsKey(name.substring(6))) {
        out.error(map.keySpan(name), "the module defaults group `" + name + "` is not supported yet",
            "name the modules, or use " + String.join(", ", GROUPS.keySet().stream().sorted().map(g -> "group/" + g)
                .toList()));
      } else if (Keywords.templated(params)) {
        out.error(params.span(), "a template as the defaults of `" + name + "` is not supported yet",
            "write the parameters as a mapping: `" + name + ": {param: \"{{ value }}\"}`");
      } else if (!(params instanceof YMap) && !(params instanceof YScalar s && s.isNull())) {
        out.error(params.span(), "the defaults of `" + name + "` must be a mapping of parameters, not "
            + params.kind(), "write `" + name + ": {param: value}`");
      }
    });
  }

  /**
   * {@code inner}'s defaults over {@code outer}'s (either may be null): a module's (or group's) entry
   * replaces the outer one whole, as Ansible updates one dict with the next level's.
   */
  static YNode merge(YNode outer, YNode inner) {
    if (!(outer instanceof YMap o)) {
      return inner;
    }
    if (!(inner instanceof YMap i)) {
      return outer;
    }
    Map<String, YNode> entries = new LinkedHashMap<>(o.entries());
    Map<String, SourceSpan> keys = new LinkedHashMap<>();
    o.keySet().forEach(k -> keys.put(k, o.keySpan(k)));
    i.entries().forEach((k, v) -> {
      entries.put(k, v);
      keys.put(k, i.keySpan(k));
    });
    return new YMap(entries, keys, i.span());
  }

  /**
   * The defaults for {@code module} from {@code defaults} (merged already), under the task's
   * {@code args:} ({@code args}, which may be null): the mapping the task's arguments are read over.
   */
  YNode under(Module module, YNode defaults, YNode args) {
    if (!(defaults instanceof YMap d)) {
      return args;
    }
    YNode mine = null;
    for (Map.Entry<String, YNode> e : d.entries().entrySet()) { // the groups' first, as in Ansible
      String name = e.getKey();
      if (name.startsWith("group/") && GROUPS.containsKey(name.substring(6))
          && module.name().startsWith(GROUPS.get(name.substring(6)))) {
        mine = over(mine, e.getValue());
      }
    }
    for (Map.Entry<String, YNode> e : d.entries().entrySet()) { // then the module's own, over them
      if (!e.getKey().startsWith("group/") && modules.find(e.getKey()).filter(m -> m == module).isPresent()) {
        mine = over(mine, e.getValue());
      }
    }
    return mine == null ? args : over(mine, args);
  }

  /** Mapping {@code inner} over mapping {@code outer}, key by key; a non-mapping is taken whole. */
  private static YNode over(YNode outer, YNode inner) {
    if (!(outer instanceof YMap o) || inner == null || inner instanceof YScalar s && s.isNull()) {
      return inner == null || inner instanceof YScalar s2 && s2.isNull() ? outer : inner;
    }
    if (!(inner instanceof YMap i)) {
      return inner;
    }
    Map<String, YNode> entries = new LinkedHashMap<>(o.entries());
    Map<String, SourceSpan> keys = new LinkedHashMap<>();
    o.keySet().forEach(k -> keys.put(k, o.keySpan(k)));
    i.entries().forEach((k, v) -> {
      entries.remove(k);
      entries.put(k, v);
      keys.put(k, i.keySpan(k));
    });
    return new YMap(entries, keys, i.span());
  }
}
