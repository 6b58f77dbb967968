package dev.provision.inventory;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Ansible's host_group_vars plugin: the vars of group or host {@code name} come from
 * {@code <dir>/name}, {@code name.yml}, {@code name.yaml} or {@code name.json} (the first that
 * exists); when that is a directory, from every file in it (recursively, sorted, skipping hidden
 * and backup files and unknown extensions), merged in that order.
 */
final class VarsDirectoryLoader {

  private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

  private final Path dir;
  private final Diagnostics diagnostics;
  private final Map<String, Map<String, Object>> cache = new LinkedHashMap<>();

  /** {@code dir} is {@code group_vars} or {@code host_vars}; it need not exist. */
  VarsDirectoryLoader(Path dir, Diagnostics diagnostics) {
    this.dir = dir;
    this.diagnostics = diagnostics;
  }

  /** The merged variables for one group or host; empty when no file names it. */
  Map<String, Object> vars(String name) {
    return cache.computeIfAbsent(name, this::load);
  }

  private Map<String, Object> load(String name) {
    Map<String, Object> vars = new LinkedHashMap<>();
    // a name that is an absolute path (a chroot host) would escape the directory: Ansible skips it
    if (name.startsWith("/") || !Files.isDirectory(dir)) {
      return vars;
    }
    for (Path file : files(name)) {
      read(file).ifPresent(vars::putAll);
    }
    return vars;
  }

  List<Path> files(String name) {
    for (String ext : EXTENSIONS) {
      Path candidate = dir.resolve(name + ext);
      if (Files.isDirectory(candidate)) {
        List<Path> found = new ArrayList<>();
        walk(candidate, found);
        return found;
      } else if (Files.exists(candidate)) {
        return List.of(candidate);
      }
    }
    return List.of();
  }

  private void walk(Path directory, List<Path> found) {
    List<Path> entries;
    try (Stream<Path> list = Files.list(directory)) {
      entries = list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
    } catch (IOException e) {
      diagnostics.error(SourceSpan.file(directory.toString()), "cannot list directory: " + e.getMessage(), null);
      return;
    }
    for (Path entry : entries) {
      String file = entry.getFileName().toString();
      if (file.startsWith(".") || file.endsWith("~")) {
        continue;
      }
      String ext = extension(file);
      if (Files.isDirectory(entry) && ext.isEmpty()) {
        walk(entry, found);
      } else if (Files.isRegularFile(entry) && EXTENSIONS.contains(ext)) {
        found.add(entry);
      }
    }
  }

  /** Python's os.path.splitext: the last dot, ignoring leading dots. */
  static String extension(String file) {
    int start = 0;
    while (start < file.length() && file.charAt(start) == '.') {
      start++;
    }
    int lastDot = file.lastIndexOf('.');
    return lastDot > start ? file.substring(lastDot) : "";
  }

  private Optional<Map<String, Object>> read(Path file) {
    List<YNode> docs = dev.provision.yaml.YamlReader.readAll(file, diagnostics);
    if (docs.isEmpty() || docs.get(0) instanceof YScalar s && s.isNull()) {
      return Optional.empty(); // an empty vars file is fine in Ansible
    }
    if (docs.size() > 1) {
      diagnostics.error(docs.get(1).span(), "a vars file holds one YAML document", "remove the extra `---` document");
    }
    YNode root = docs.get(0);
    if (!(root instanceof YMap map)) {
      diagnostics.error(root.span(), "a vars file must be a mapping of variable names, not " + root.kind(), "write `key: value` lines");
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> plain = (Map<String, Object>) map.toPlain();
    return Optional.of(plain);
  }
}
