package dev.provision.modules.files;

import dev.provision.module.ModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A control-node file a module reads ({@code template}'s template, {@code script}'s script,
 * {@code unarchive}'s archive), found by Ansible's search order; {@code name} is its file name.
 * {@code copy} only {@link #find}s its source, to stream a large one.
 */
public record LocalSource(byte[] bytes, String name) {

  /**
   * A control-node file by Ansible's search order: an absolute path as is; else
   * {@code role_path/FOLDER/} (inside a role), {@code playbook_dir/FOLDER/}, then {@code playbook_dir/}.
   * {@code folder} is {@code files} for {@code copy}, {@code templates} for {@code template}.
   */
  public static LocalSource read(String module, String src, Map<String, Object> vars, String folder) throws ModuleException {
    Path found = find(module, src, vars, folder);
    try {
      return new LocalSource(Files.readAllBytes(found), found.getFileName().toString());
    } catch (IOException e) {
      throw new ModuleException("cannot read src " + found + ": " + e.getMessage(), e);
    }
  }

  /** The control-node file {@code src} names, by the search order of {@link #read}, not read. */
  static Path find(String module, String src, Map<String, Object> vars, String folder) throws ModuleException {
    Path given = Path.of(src);
    List<Path> candidates = new ArrayList<>();
    if (given.isAbsolute()) {
      candidates.add(given);
    } else {
      Object role = vars.get("role_path");
      if (role != null) {
        candidates.add(Path.of(String.valueOf(role)).resolve(folder).resolve(given));
      }
      Path base = Path.of(String.valueOf(vars.getOrDefault("playbook_dir", ".")));
      candidates.add(base.resolve(folder).resolve(given));
      candidates.add(base.resolve(given));
    }
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate)) {
        throw new ModuleException("src " + candidate + " is a directory; " + module + " takes one file");
      }
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new ModuleException("src file `" + src + "` not found on the control node (looked at "
        + String.join(", ", candidates.stream().map(Path::toString).toList()) + ")");
  }
}
