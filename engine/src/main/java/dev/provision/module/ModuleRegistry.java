package dev.provision.module;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The modules on the class path, found with {@link ServiceLoader}, by name and by the aliases each
 * declares ({@link Module#aliases()}).
 */
public final class ModuleRegistry {

  private final Map<String, Module> modules;
  private final Map<String, Module> byKey;

  public ModuleRegistry(Iterable<Module> modules) {
    Map<String, Module> byName = new TreeMap<>();
    Map<String, Module> keys = new TreeMap<>();
    for (Module m : modules) {
      Module previous = byName.putIfAbsent(m.name(), m);
      if (previous != null && previous.getClass() != m.getClass()) {
        throw new IllegalStateException("two modules are named " + m.name() + ": "
            + previous.getClass().getName() + " and " + m.getClass().getName());
      }
    }
    for (Module m : byName.values()) {
      claim(keys, m.name(), m);
      m.aliases().forEach(alias -> claim(keys, alias, m));
    }
    this.modules = Collections.unmodifiableMap(byName);
    this.byKey = Collections.unmodifiableMap(keys);
  }

  private static void claim(Map<String, Module> keys, String key, Module m) {
    Module previous = keys.putIfAbsent(key, m);
    if (previous != null && previous != m) {
      throw new IllegalStateException("`" + key + "` names two modules: " + previous.name() + " ("
          + previous.getClass().getName() + ") and " + m.name() + " (" + m.getClass().getName() + ")");
    }
  }

  public static ModuleRegistry load() {
    return load(Thread.currentThread().getContextClassLoader());
  }

  public static ModuleRegistry load(ClassLoader loader) {
    return new ModuleRegistry(ServiceLoader.load(Module.class, loader));
  }

  /** The module a playbook key names: its name or one of its aliases. */
  public Optional<Module> find(String nameOrAlias) {
    return Optional.ofNullable(byKey.get(nameOrAlias));
  }

  /** The modules' own names (no aliases). */
  public Set<String> names() {
    return modules.keySet();
  }

  /** Every key a playbook may use: names and aliases (for did-you-mean). */
  public Set<String> keys() {
    return byKey.keySet();
  }
}
