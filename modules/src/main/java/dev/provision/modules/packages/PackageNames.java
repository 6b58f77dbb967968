package dev.provision.modules.packages;

import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks package names before they reach a command line. Names are plain package names (what
 * {@code rpm -q} and {@code dpkg-query} list), so a version or a shell word is refused here rather
 * than half-working later; commands still quote every name.
 */
final class PackageNames {

  // Debian policy allows [a-z0-9+.-]; RPM also allows upper case and '_'.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9._+-]*");

  private PackageNames() {}

  /** Distinct names in the order given; each one checked. */
  static List<String> check(List<String> given) throws ModuleException {
    if (given.isEmpty()) {
      throw new ModuleException("module `package` needs at least one package in `name`");
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (String raw : given) {
      String name = raw.trim();
      if (!NAME.matcher(name).matches()) {
        throw new ModuleException("`" + raw + "` is not a package name: names may hold letters, digits"
            + " and . _ + - only (no spaces, versions after `=`, or shell characters)");
      }
      names.add(name);
    }
    return new ArrayList<>(names);
  }

  /** "package a" or "packages a, b", for messages. */
  static String phrase(List<String> names) {
    return (names.size() == 1 ? "package " : "packages ") + String.join(", ", names);
  }

  /** "is" or "are", to agree with {@link #phrase}. */
  static String verb(List<String> names) {
    return names.size() == 1 ? "is" : "are";
  }
}
