package dev.provision.module;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The modules on the class path, found with {@link ServiceLoader}, by name. */
public final class ModuleRegistry {

  private final Map<String, Module> modules;

  public ModuleRegistry(Iterable<Module> modules) {
    Map<String, Module> byName = new TreeMap<>();
    for (Module m : modules) {
      Module previous = byName.putIfAbsent(m.name(), m);
      if (previous != null && previous.getClass() != m.getClass()) {
        throw new IllegalStateException("two modules are named " + m.name() + ": "
            + previous.getClass().getName() + " and " + m.getClass().getName());
      }
    }
    this.modules = Collections.unmodifiableMap(byName);
  }

  public static ModuleRegistry load() {
    return load(Thread.currentThread().getContextClassLoader());
  }

  public static ModuleRegistry load(ClassLoader loader) {
    return new ModuleRegistry(ServiceLoader.load(Module.class, loader));
  }

  public Optional<Module> find(String name) {
    return Optional.ofNullable(modules.get(name));
  }

  public Set<String> names() {
    return modules.keySet();
  }
}
