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
record LocalSource(byte[] bytes, String name) {

  static LocalSource resolve(Params params, Map<String, Object> vars) throws ModuleException {
    if (params.has("content")) {
      return new LocalSource(params.string("content").getBytes(StandardCharsets.UTF_8), null);
    }
    String src = params.string("src");
    Path given = Path.of(src);
    List<Path> candidates = new ArrayList<>();
    if (given.isAbsolute()) {
      candidates.add(given);
    } else {
      Path base = Path.of(String.valueOf(vars.getOrDefault("playbook_dir", ".")));
      candidates.add(base.resolve("files").resolve(given));
      candidates.add(base.resolve(given));
    }
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate)) {
        throw new ModuleException("src " + candidate + " is a directory; copy takes one file");
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
