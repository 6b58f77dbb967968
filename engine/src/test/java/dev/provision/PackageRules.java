package dev.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package rules as docs/architecture.md writes them (two Markdown tables, parsed here so they
 * are written once), and the check of a source tree against them. Names leave out
 * {@code dev.provision.}; {@code X..} is X and every package below it.
 */
final class PackageRules {

  private static final String RULES_HEADER = "| package | Maven module |";
  private static final String KNOWN_HEADER = "| package or class | uses |";
  private static final Pattern NAME = Pattern.compile("`([^`]+)`");
  private static final Pattern PACKAGE = Pattern.compile("^package dev\\.provision\\.([a-z0-9_.]+);", Pattern.MULTILINE);
  /** A use of another class: {@code dev.provision.pkg.Class}, imported or written out in code. */
  private static final Pattern USE = Pattern.compile("\\bdev\\.provision\\.([a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*)\\.([A-Z]\\w*)");
  /** Comments, string and character literals: no dependency lives there. */
  private static final Pattern NOT_CODE = Pattern.compile(
      "//[^\\n]*|/\\*.*?\\*/|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'", Pattern.DOTALL);

  record Row(String pattern, String module, List<String> allowed, List<String> never) {}

  record Known(String from, List<String> uses) {}

  private final List<Row> rows;
  private final List<Known> known;

  private PackageRules(List<Row> rows, List<Known> known) {
    this.rows = rows;
    this.known = known;
  }

  static PackageRules parse(String markdown) {
    List<Row> rows = new ArrayList<>();
    for (List<String> cells : table(markdown, RULES_HEADER)) {
      rows.add(new Row(names(cells.get(0)).get(0), cells.get(1).strip(), names(cells.get(3)), names(cells.get(4))));
    }
    List<Known> known = new ArrayList<>();
    for (List<String> cells : table(markdown, KNOWN_HEADER)) {
      known.add(new Known(names(cells.get(0)).get(0), names(cells.get(1))));
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no table starting `" + RULES_HEADER + "`");
    }
    return new PackageRules(rows, known);
  }

  /** The repository: the nearest directory up from here with docs/architecture.md and a pom.xml. */
  static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docs/architecture.md")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  List<String> allowed(String pkg) {
    return row(pkg).allowed();
  }

  List<String> never(String pkg) {
    return row(pkg).never();
  }

  /** Every breach of the rules in the {@code src/main/java} trees just below {@code root}, as sentences. */
  List<String> check(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    Set<Known> used = new HashSet<>();
    List<Path> trees;
    try (Stream<Path> dirs = Files.list(root)) {
      trees = dirs.map(d -> d.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
    }
    Set<String> reported = new TreeSet<>();
    for (Path tree : trees) {
      String mavenModule = root.relativize(tree).getName(0).toString();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(tree)) {
        files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
      }
      for (Path file : files) {
        String text = Files.readString(file);
        Matcher declared = PACKAGE.matcher(text);
        if (!declared.find()) {
          continue; // not a dev.provision class
        }
        String pkg = declared.group(1);
        String cls = file.getFileName().toString().replace(".java", "");
        Row row = rowOrNull(pkg);
        if (row == null) {
          if (reported.add(pkg + " " + mavenModule)) {
            out.add(pkg + " (" + root.relativize(tree) + ") has no row in the table: add it");
          }
          continue;
        }
        if (!row.module().equals(mavenModule) && reported.add(pkg + " " + mavenModule)) {
          out.add(pkg + " (" + root.relativize(tree) + ") belongs in " + row.module() + ", says its row");
        }
        Set<String> seen = new LinkedHashSet<>();
        Matcher use = USE.matcher(NOT_CODE.matcher(text).replaceAll(" "));
        while (use.find()) {
          String target = use.group(1);
          String targetClass = target + "." + use.group(2);
          if (target.equals(pkg) || !seen.add(targetClass)) {
            continue;
          }
          if (row.never().contains(targetClass)) {
            out.add(pkg + "." + cls + " uses " + targetClass + ", which " + pkg + " must never use");
            continue;
          }
          if (row.allowed().stream().anyMatch(a -> matches(a, target))) {
            continue;
          }
          Known excuse = known.stream().filter(k -> (k.from().equals(pkg) || k.from().equals(pkg + "." + cls))
              && k.uses().stream().anyMatch(u -> matches(u, target))).findFirst().orElse(null);
          if (excuse != null) {
            used.add(excuse);
            continue;
          }
          out.add(pkg + "." + cls + " uses " + targetClass + ": " + pkg + " may use only "
              + (row.allowed().isEmpty() ? "nothing of dev.provision" : String.join(", ", row.allowed())));
        }
      }
    }
    for (Known k : known) {
      if (!used.contains(k)) {
        out.add("known violation `" + k.from() + "` -> `" + String.join("`, `", k.uses())
            + "` no longer occurs: remove its row");
      }
    }
    return out;
  }

  /** Cycles among the allowed arrows, other than a package and its own subpackage ("a -> b -> a"). */
  List<String> cycles() {
    List<String> out = new ArrayList<>();
    for (Row start : rows) {
      Set<String> seen = new HashSet<>();
      List<List<String>> todo = new ArrayList<>();
      todo.add(List.of(start.pattern()));
      while (!todo.isEmpty()) {
        List<String> path = todo.remove(todo.size() - 1);
        for (Row next : targets(rowByPattern(path.get(path.size() - 1)))) {
          String p = next.pattern();
          if (p.equals(path.get(path.size() - 1)) || subpackages(start.pattern(), p)) {
            continue; // X.. -> X.., connection <-> connection.hostkey
          }
          List<String> longer = new ArrayList<>(path);
          longer.add(p);
          if (p.equals(start.pattern())) {
            out.add(String.join(" -> ", longer));
          } else if (seen.add(p)) {
            todo.add(longer);
          }
        }
      }
    }
    return out;
  }

  private List<Row> targets(Row row) {
    List<Row> out = new ArrayList<>();
    for (String allowed : row.allowed()) {
      for (Row r : rows) {
        String base = strip(r.pattern());
        if (matches(allowed, base) || matches(r.pattern(), strip(allowed))) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private static boolean subpackages(String a, String b) {
    String x = strip(a);
    String y = strip(b);
    return x.startsWith(y + ".") || y.startsWith(x + ".");
  }

  private Row rowByPattern(String pattern) {
    return rows.stream().filter(r -> r.pattern().equals(pattern)).findFirst().orElseThrow();
  }

  private Row row(String pkg) {
    Row row = rowOrNull(pkg);
    if (row == null) {
      throw new IllegalArgumentException("no row for " + pkg);
    }
    return row;
  }

  /** The row of a package: its own exact row, else the longest {@code X..} that covers it. */
  private Row rowOrNull(String pkg) {
    Row best = null;
    for (Row r : rows) {
      if (r.pattern().equals(pkg)) {
        return r;
      }
      if (matches(r.pattern(), pkg) && (best == null || r.pattern().length() > best.pattern().length())) {
        best = r;
      }
    }
    return best;
  }

  private static boolean matches(String pattern, String pkg) {
    if (pattern.endsWith("..")) {
      String base = strip(pattern);
      return pkg.equals(base) || pkg.startsWith(base + ".");
    }
    return pattern.equals(pkg);
  }

  private static String strip(String pattern) {
    return pattern.endsWith("..") ? pattern.substring(0, pattern.length() - 2) : pattern;
  }

  private static List<String> names(String cell) {
    List<String> out = new ArrayList<>();
    Matcher m = NAME.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The body rows of the Markdown table whose header line starts with {@code header}, as cells. */
  private static List<List<String>> table(String markdown, String header) {
    List<List<String>> out = new ArrayList<>();
    List<String> lines = markdown.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(header)) {
        for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
          String line = lines.get(j).strip();
          List<String> cells = new ArrayList<>(List.of(line.substring(1, line.length() - 1).split("\\|", -1)));
          out.add(cells);
        }
        break;
      }
    }
    return out;
  }
}
