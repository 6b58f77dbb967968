package dev.provision.modules.files;

import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bytes {@code copy} writes: {@code content} as UTF-8, or a file on the control node. A
 * relative {@code src} is looked up in {@code playbook_dir/files/} then {@code playbook_dir/}
 * (Ansible's order); {@code name} is the source's file name, null for content.
 */
public record LocalSource(byte[] bytes, String name) {

  static LocalSource resolve(Params params, Map<String, Object> vars) throws ModuleException {
    if (params.has("content")) {
      return new LocalSource(params.string("content").getBytes(StandardCharsets.UTF_8), null);
    }
    return read("copy", params.string("src"), vars, "files");
  }

  /**
   * A control-node file by Ansible's search order: an absolute path as is; else
   * {@code role_path/FOLDER/} (inside a role), {@code playbook_dir/FOLDER/}, then {@code playbook_dir/}.
   * {@code folder} is {@code files} for {@code copy}, {@code templates} for {@code template}.
   */
  public static LocalSource read(String module, String src, Map<String, Object> vars, String folder) throws ModuleException {
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
        try {
          return new LocalSource(Files.readAllBytes(candidate), candidate.getFileName().toString());
        } catch (IOException e) {
          throw new ModuleException("cannot read src " + candidate + ": " + e.getMessage(), e);
        }
      }
    }
    throw new ModuleException("src file `" + src + "` not found on the control node (looked at "
        + String.join(", ", candidates.stream().map(Path::toString).toList()) + ")");
  }
}
