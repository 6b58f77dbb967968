package dev.provision.modules.packages;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The packages installed on a host: name to version (as the package manager prints it). */
public record InstalledPackages(Map<String, String> versions) {

  public InstalledPackages {
    versions = Collections.unmodifiableMap(new TreeMap<>(versions));
  }

  public boolean has(String name) {
    return versions.containsKey(name);
  }

  public String version(String name) {
    return versions.get(name);
  }
}
