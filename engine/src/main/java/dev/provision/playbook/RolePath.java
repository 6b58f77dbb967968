package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.Suggestions;
import dev.provision.yaml.YScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where a role named in a playbook is, by Ansible's search path: {@code roles/} beside the playbook,
 * then the configured roles path ({@code ANSIBLE_ROLES_PATH}, else {@code roles_path} of the
 * {@code ansible.cfg} Ansible would read: {@code ANSIBLE_CONFIG}, beside the playbook, the working
 * directory; else Ansible's default folders), then the folder of the role that names it (for
 * dependencies), then the playbook's folder. A name holding a {@code /} is a path, relative to the
 * playbook's folder.
 */
final class RolePath {

  private static final List<String> DEFAULT = List.of("~/.ansible/roles", "/usr/share/ansible/roles",
      "/etc/ansible/roles");

  private final Path baseDir;
  private final Diagnostics out;
  private final List<Path> configured;
  /** The configured folders as written ({@code ~/.ansible/roles}), for messages that read the same everywhere. */
  private final List<String> configuredAsWritten = new ArrayList<>();

  RolePath(Path baseDir, Map<String, String> env, Diagnostics out) {
    this.baseDir = baseDir;
    this.out = out;
    this.configured = configured(baseDir, env, configuredAsWritten);
  }

  /** The folders searched for a role named in {@code within} (a role's folder, or null), in order. */
  List<Path> searchPath(Path within) {
    List<Path> dirs = new ArrayList<>();
    dirs.add(baseDir.resolve("roles"));
    dirs.addAll(configured);
    if (within != null && within.toAbsolutePath().getParent() != null) {
      dirs.add(within.toAbsolutePath().normalize().getParent());
    }
    dirs.add(baseDir);
    return dirs;
  }

  /** The role's folder, or null after reporting where it was looked for, with a did-you-mean. */
  Path find(YScalar name, Path within) {
    String n = name.text().strip();
    Path given = Path.of(n.startsWith("~/") ? System.getProperty("user.home") + n.substring(1) : n);
    if (n.contains("/")) {
      Path dir = given.isAbsolute() ? given : baseDir.resolve(given);
      if (Files.isDirectory(dir)) {
        return dir.normalize();
      }
      out.error(name.span(), "role `" + n + "` not found", "no folder " + dir);
      return null;
    }
    List<Path> dirs = searchPath(within);
    for (Path d : dirs) {
      if (Files.isDirectory(d.resolve(n))) {
        return d.resolve(n).normalize();
      }
    }
    java.util.Set<String> shown = new java.util.LinkedHashSet<>();
    shown.add(baseDir.resolve("roles").resolve(n).toString());
    configuredAsWritten.forEach(c -> shown.add(c + "/" + n));
    if (within != null && within.normalize().getParent() != null) {
      shown.add(within.normalize().getParent().resolve(n).toString());
    }
    shown.add(baseDir.resolve(n).toString());
    TreeSet<String> known = new TreeSet<>();
    for (Path d : dirs) {
      if (Files.isDirectory(d)) {
        try (Stream<Path> list = Files.list(d)) {
          list.filter(p -> Files.isDirectory(p.resolve("tasks")) || Files.isDirectory(p.resolve("meta")))
              .forEach(p -> known.add(p.getFileName().toString()));
        } catch (IOException e) {
          // an unreadable folder of the search path holds no role we can name
        }
      }
    }
    String hint = Suggestions.didYouMean(n, known);
    out.error(name.span(), "role `" + n + "` not found", (hint != null ? hint + "; " : "") + "looked in "
        + String.join(", ", shown));
    return null;
  }

  private static List<Path> configured(Path baseDir, Map<String, String> env, List<String> asWritten) {
    String value = env.get("ANSIBLE_ROLES_PATH");
    Path relativeTo = Path.of("");
    if (value == null) {
      // the playbook's folder first: a repository's ansible.cfg beside its playbooks, wherever it is run from
      java.util.Optional<Path> cfg = AnsibleConfig.file(env, Path.of(""), Path.of(System.getProperty("user.home")),
          baseDir.resolve("ansible.cfg"));
      if (cfg.isPresent()) {
        value = AnsibleConfig.defaults(cfg.get(), "roles_path");
        relativeTo = cfg.get().toAbsolutePath().getParent();
      }
    }
    List<Path> dirs = new ArrayList<>();
    for (String part : (value == null ? String.join(":", DEFAULT) : value).split(":")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      asWritten.add(p);
      if (p.startsWith("~")) {
        p = System.getProperty("user.home") + p.substring(1);
      }
      Path dir = Path.of(p);
      dirs.add(dir.isAbsolute() ? dir : relativeTo.resolve(dir));
    }
    return dirs;
  }
}
