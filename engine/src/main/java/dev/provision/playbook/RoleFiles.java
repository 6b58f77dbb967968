package dev.provision.playbook;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import dev.provision.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of one role's folder, found as Ansible finds them: {@code tasks/}, {@code handlers/},
 * {@code defaults/}, {@code vars/} and {@code meta/}, each a {@code main} file (or the name an
 * {@code import_role}'s {@code tasks_from} and the like give) with no extension, {@code .yml},
 * {@code .yaml} or {@code .json}; {@code vars/main} and {@code defaults/main} may also be folders,
 * whose files are read in name order.
 */
final class RoleFiles {

  /** The files an import or include names instead of {@code main} (null: {@code main}). */
  record From(String tasks, String vars, String defaults, String handlers) {
    static final From MAIN = new From(null, null, null, null);
  }

  private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

  /** The folders a role holds its files in: a folder with none of them is not a role. */
  static final List<String> FOLDERS = List.of("tasks", "handlers", "defaults", "vars", "meta");

  private final Path dir;
  private final Diagnostics out;
  private final Keywords keywords;
  private YMap meta;
  private boolean metaRead;

  RoleFiles(Path dir, Diagnostics out) {
    this.dir = dir;
    this.out = out;
    this.keywords = new Keywords(out);
  }

  Path dir() {
    return dir;
  }

  /** {@code SUB/NAME} with Ansible's extensions, or null. */
  Path file(String sub, String name) {
    for (String ext : EXTENSIONS) {
      Path p = dir.resolve(sub).resolve((name == null ? "main" : name) + ext);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  Path tasks(String name) {
    return file("tasks", name);
  }

  Path handlers(String name) {
    return file("handlers", name);
  }

  /** Whether every file an import names exists; each missing one is reported at its option. */
  boolean has(From from, YMap args, String role) {
    boolean ok = true;
    for (String[] want : new String[][] {{"tasks_from", "tasks", from.tasks()}, {"vars_from", "vars", from.vars()},
        {"defaults_from", "defaults", from.defaults()}, {"handlers_from", "handlers", from.handlers()}}) {
      if (want[2] != null && file(want[1], want[2]) == null && !Files.isDirectory(dir.resolve(want[1]).resolve(want[2]))) {
        out.error(args.entries().get(want[0]).span(), "role `" + role + "` has no " + want[1] + " file `" + want[2] + "`",
            "looked for " + dir.resolve(want[1]).resolve(want[2]) + " with no extension, .yml, .yaml and .json");
        ok = false;
      }
    }
    return ok;
  }

  Map<String, Object> defaults(String name) {
    return variables("defaults", name);
  }

  Map<String, Object> vars(String name) {
    return variables("vars", name);
  }

  /** {@code meta/main}'s {@code dependencies}, as written. */
  List<YNode> dependencies() {
    YNode deps = meta() == null ? null : meta().entries().get("dependencies");
    if (deps == null || deps instanceof YScalar s && s.isNull()) {
      return List.of();
    }
    if (!(deps instanceof YSeq seq)) {
      out.error(deps.span(), "`dependencies` must be a list of roles, not " + deps.kind(),
          "write `dependencies: [common]`");
      return List.of();
    }
    return seq.items();
  }

  /** {@code meta/main} itself, for the keywords it gives the role's tasks ({@code collections}), or null. */
  YMap metaKeywords() {
    YMap m = meta();
    return m == null || !m.has("collections") ? null
        : new YMap(Map.of("collections", m.entries().get("collections")), Map.of("collections", m.keySpan("collections")),
            m.span());
  }

  /** {@code meta/main}'s {@code allow_duplicates}: the role may run more than once in a play with the same parameters. */
  boolean allowDuplicates() {
    return meta() != null && meta().get("allow_duplicates").map(v -> keywords.bool("allow_duplicates", v))
        .orElse(false);
  }

  private YMap meta() {
    if (!metaRead) {
      metaRead = true;
      Path file = file("meta", null);
      YNode doc = file == null ? null : YamlReader.readOne(file, out).orElse(null);
      if (doc instanceof YMap m) {
        meta = m;
      } else if (doc != null && !(doc instanceof YScalar s && s.isNull())) {
        out.add(Diagnostic.error(doc.span(), "a role's meta/main must be a mapping, not " + doc.kind(),
            "write `dependencies: []` and the like"));
      }
    }
    return meta;
  }

  private Map<String, Object> variables(String sub, String name) {
    Map<String, Object> vars = new LinkedHashMap<>();
    Path file = file(sub, name);
    Path folder = dir.resolve(sub).resolve(name == null ? "main" : name);
    if (file != null) {
      read(file, vars);
    } else if (Files.isDirectory(folder)) {
      try (Stream<Path> list = Files.list(folder)) {
        list.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().matches(".*(\\.ya?ml|\\.json)$|[^.]*"))
            .sorted().forEach(p -> read(p, vars));
      } catch (IOException e) {
        out.error(dev.provision.diag.SourceSpan.file(folder.toString()), "cannot read " + folder + ": " + e.getMessage(),
            null);
      }
    }
    return vars;
  }

  private void read(Path file, Map<String, Object> vars) {
    YamlReader.readOne(file, out).ifPresent(doc -> {
      if (doc instanceof YMap map) {
        vars.putAll(keywords.vars(dir.relativize(file).toString(), map));
      } else if (!(doc instanceof YScalar s && s.isNull())) {
        out.add(Diagnostic.error(doc.span(), "a role's " + dir.relativize(file) + " must be a mapping of names to "
            + "values, not " + doc.kind(), "write `name: value` lines"));
      }
    });
  }
}
