package dev.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's package graph is the one written down in docs/architecture.md: each package may
 * import only the packages listed for it, and the list has no cycle. A new edge is a design
 * decision: change the table and the document together.
 */
class PackageGraphTest {

  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("diag", Set.of()),
      Map.entry("json", Set.of()),
      Map.entry("yaml", Set.of("diag")),
      Map.entry("template", Set.of("diag", "json", "yaml")),
      Map.entry("connection", Set.of("connection.hostkey")),
      Map.entry("connection.hostkey", Set.of("connection")),
      Map.entry("inventory", Set.of("connection", "diag", "json", "yaml")),
      Map.entry("module", Set.of("connection", "diag", "yaml")),
      Map.entry("event", Set.of("module")),
      Map.entry("playbook", Set.of("connection", "diag", "module", "template", "yaml")),
      Map.entry("graph", Set.of("diag", "inventory", "playbook")),
      Map.entry("run", Set.of("connection", "diag", "event", "graph", "inventory", "module", "playbook", "template")));

  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.provision\\.([a-z.]+?)\\.[A-Z]",
      Pattern.MULTILINE);

  @Test
  void enginePackagesImportOnlyWhatTheArchitectureAllows() throws IOException {
    Map<String, Set<String>> actual = actualGraph(Path.of("src/main/java/dev/provision"));
    assertThat(actual.keySet()).as("engine packages (add new ones to the table and the doc)")
        .isSubsetOf(ALLOWED.keySet());
    actual.forEach((pkg, deps) -> assertThat(deps).as("imports of dev.provision." + pkg).isSubsetOf(ALLOWED.get(pkg)));
  }

  @Test
  void theAllowedGraphHasNoCycleExceptAPackageAndItsOwnSubpackage() {
    for (String start : ALLOWED.keySet()) {
      assertThat(reachable(start)).as("packages reachable from " + start)
          .allMatch(p -> !p.equals(start) || start.contains("."), "no cycle back to " + start);
    }
  }

  private static Set<String> reachable(String start) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new java.util.ArrayList<>(ALLOWED.get(start));
    while (!todo.isEmpty()) {
      String p = todo.remove(todo.size() - 1);
      if (isSubpackagePair(start, p)) {
        continue;
      }
      if (seen.add(p)) {
        todo.addAll(ALLOWED.getOrDefault(p, Set.of()));
      }
    }
    return seen;
  }

  private static boolean isSubpackagePair(String a, String b) {
    return a.startsWith(b + ".") || b.startsWith(a + ".");
  }

  private static Map<String, Set<String>> actualGraph(Path root) throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
        Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            deps.add(m.group(1));
          }
        }
      }
    }
    return graph;
  }
}
