package dev.provision.it.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What is under the test hosts' roots, to show that a plan wrote nothing, and to start each run clean. */
final class HostFiles {

  private HostFiles() {}

  /** Every path under the roots with its size and modification time. */
  static Map<String, String> snapshot(List<Path> roots) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.toList()) {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
          out.put(p.toString(), a.size() + " " + a.lastModifiedTime() + (a.isDirectory() ? " dir" : ""));
        }
      }
    }
    return out;
  }

  /** Removes everything under {@code root}, keeping the folder itself. */
  static void empty(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(root)) {
          Files.delete(p);
        }
      }
    }
  }
}
