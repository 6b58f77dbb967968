package dev.provision.it.conformance;

import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YamlReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One conformance case: a folder under {@code conformance/} with {@code site.yml} and, optionally,
 * {@code case.yml} saying what differs from a passing run (see the folder's README).
 */
record ConformanceCase(String name, Path source, Map<String, Object> settings) {

  static List<ConformanceCase> all() throws IOException {
    Path root;
    try {
      root = Path.of(ConformanceCase.class.getResource("/conformance").toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    List<ConformanceCase> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        out.add(new ConformanceCase(dir.getFileName().toString(), dir, settings(dir.resolve("case.yml"))));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> settings(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Map.of();
    }
    Diagnostics d = new Diagnostics();
    List<YNode> docs = YamlReader.readAll(file, d);
    if (d.hasErrors() || docs.isEmpty() || !(docs.get(0).toPlain() instanceof Map<?, ?>)) {
      throw new IOException(file + " is not a mapping: " + d.asList());
    }
    return (Map<String, Object>) docs.get(0).toPlain();
  }

  /** The case's files in a folder of their own, where both tools run (and may write). */
  Path copyTo(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  Path playbook(Path dir) {
    return dir.resolve(String.valueOf(settings.getOrDefault("playbook", "site.yml")));
  }

  /** Provision's exit code of the apply (Ansible's 2, failed hosts, is Provision's 1). */
  int exitCode() {
    return ((Number) settings.getOrDefault("exit_code", 0L)).intValue();
  }

  int ansibleExitCode() {
    return ((Number) settings.getOrDefault("ansible_exit_code", exitCode() == 0 ? 0L : 2L)).intValue();
  }

  @SuppressWarnings("unchecked")
  List<Integer> planExitCodes() {
    Object v = settings.get("plan_exit_codes");
    if (v == null) {
      return exitCode() == 0 ? List.of(0, 2) : List.of(0, 1, 2);
    }
    return ((List<Object>) v).stream().map(n -> ((Number) n).intValue()).toList();
  }

  boolean compareCounts() {
    return !Boolean.FALSE.equals(settings.get("counts"));
  }

  @SuppressWarnings("unchecked")
  List<String> extraArgs() {
    Object v = settings.get("extra_args");
    return v == null ? List.of() : ((List<Object>) v).stream().map(String::valueOf).toList();
  }

  /** Environment of both tools; {@code {case}} in a value is the case's folder. */
  @SuppressWarnings("unchecked")
  Map<String, String> env(Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    Object v = settings.get("env");
    if (v instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).forEach((k, val) -> out.put(k, String.valueOf(val).replace("{case}", dir.toString())));
    }
    return out;
  }

  @Override
  public String toString() {
    return name;
  }
}
