package dev.provision.playbook;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import dev.provision.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a list of tasks ({@code tasks}, {@code handlers}, a block's sections) into the play's flat
 * list: a {@code block} adds its tasks, then its {@code rescue}, then its {@code always} tasks, each
 * knowing its frames and what the block gives it ({@link Inherited}). So a block is no node of the
 * graph: one node per (task, host) stays the rule, and the host decides as it goes which of a block's
 * tasks run.
 */
final class TaskListReader {

  /** The block keywords Provision reads (the rest of Ansible's are refused as not supported yet). */
  static final Set<String> BLOCK_KEYWORDS = Set.of("block", "rescue", "always", "name", "when", "tags", "vars",
      "become", "ignore_errors", "no_log", "check_mode", "timeout", "run_once", "delegate_to", "delegate_facts",
      "connection", "remote_user", "port", "collections", "module_defaults", "environment", "become_user",
      "become_method", "become_flags", "become_exe", "any_errors_fatal", "throttle", "diff", "notify");

  /** {@code import_tasks} and {@code include_tasks}, short and fully qualified. */
  private static final Set<String> INCLUDES = Set.of("import_tasks", "include_tasks", "ansible.builtin.import_tasks",
      "ansible.builtin.include_tasks", "ansible.legacy.import_tasks", "ansible.legacy.include_tasks");

  /** {@code meta}, short and fully qualified. */
  private static final Set<String> META = Set.of("meta", "ansible.builtin.meta", "ansible.legacy.meta");

  /** The keywords Provision reads on an import or include of tasks. */
  static final Set<String> INCLUDE_KEYWORDS = Set.of("name", "when", "tags", "vars", "become", "ignore_errors",
      "no_log", "check_mode", "timeout", "connection", "remote_user", "port", "collections", "module_defaults",
      "environment", "become_user", "become_method", "become_flags", "become_exe", "diff");

  private final TaskReader tasks;
  private final Diagnostics out;
  private final Consumer<TemplateSites.Site> templates;
  private final Path baseDir;
  /** The tasks files being read, the innermost first: relative names are looked up beside it. */
  private final Deque<Path> files = new ArrayDeque<>();
  /** The roles whose files are being read, the innermost first. */
  private final Deque<Role> roleStack = new ArrayDeque<>();
  private final RoleReader roles;

  TaskListReader(TaskReader tasks, Diagnostics out, Consumer<TemplateSites.Site> templates, Path baseDir,
      Map<String, String> env) {
    this.tasks = tasks;
    this.out = out;
    this.templates = templates;
    this.baseDir = baseDir;
    this.roles = new RoleReader(this, new RolePath(baseDir, env, out), out);
  }

  RoleReader roles() {
    return roles;
  }

  TaskReader taskReader() {
    return tasks;
  }

  Consumer<TemplateSites.Site> templates() {
    return templates;
  }

  /** The folder of the role whose files are being read, or null. */
  Path currentRole() {
    return roleStack.isEmpty() ? null : roleStack.peek().path();
  }

  /**
   * The tasks of {@code file}, a file of {@code role} (or null), with what {@code inner} gives them;
   * a file already being read (a role that imports itself) is an error.
   */
  void file(Path file, Role role, Inherited inner, List<Task> result) {
    Path real = file.toAbsolutePath().normalize();
    if (files.stream().anyMatch(f -> f.toAbsolutePath().normalize().equals(real))) {
      out.error(SourceSpan.file(file.toString()), "`" + file + "` includes itself", "break the cycle of imports");
      return;
    }
    List<YNode> documents = YamlReader.readAll(file, out);
    if (documents.isEmpty() || documents.get(0) instanceof YScalar s && s.isNull()) {
      return; // an empty tasks file has no tasks
    }
    files.push(file);
    if (role != null) {
      roleStack.push(role);
    }
    try {
      list(documents.get(0), "tasks file " + file, inner, result);
    } finally {
      files.pop();
      if (role != null) {
        roleStack.pop();
      }
    }
  }

  /** The tasks of {@code map[key]}, which may be absent or null (none). */
  List<Task> read(YMap map, String key, Inherited parent) {
    List<Task> result = new ArrayList<>();
    YNode node = map.entries().get(key);
    if (node == null || node instanceof YScalar s && s.isNull()) {
      return result;
    }
    list(node, key, parent, result);
    return result;
  }

  private void list(YNode node, String key, Inherited parent, List<Task> result) {
    if (!(node instanceof YSeq seq)) {
      out.error(node.span(), "`" + key + "` must be a list of tasks, not " + node.kind(),
          "start each task with `- `, for example `- command: uname -r`");
      return;
    }
    for (YNode item : seq.items()) {
      String include = item instanceof YMap m ? m.keySet().stream().filter(INCLUDES::contains).findFirst().orElse(null)
          : null;
      String role = item instanceof YMap m ? m.keySet().stream().filter(RoleReader.INCLUDES::contains).findFirst()
          .orElse(null) : null;
      String meta = item instanceof YMap m ? m.keySet().stream().filter(META::contains).findFirst().orElse(null)
          : null;
      if (item instanceof YMap map && map.has("block")) {
        block(map, parent, result);
      } else if (role != null) {
        roles.include((YMap) item, role, parent, result);
      } else if (meta != null) {
        Task task = tasks.meta((YMap) item, meta, parent);
        if (task != null && !"noop".equals(task.metaAction())) {
          result.add(task);
        }
      } else if (include != null) {
        include((YMap) item, include, parent, result);
      } else {
        Task task = tasks.read(item, parent);
        if (task != null) {
          result.add(roleStack.isEmpty() ? task : task.toBuilder().role(roleStack.peek()).build());
        }
      }
    }
  }

  private void block(YMap map, Inherited parent, List<Task> result) {
    for (String key : map.keySet()) {
      if (BLOCK_KEYWORDS.contains(key)) {
        continue;
      }
      if (AnsibleLanguage.BLOCK.contains(key)) {
        out.error(map.keySpan(key), "`" + key + "` on a block is not supported yet",
            "set it on each task of the block, or leave it out");
      } else {
        String hint = Suggestions.didYouMean(key, BLOCK_KEYWORDS);
        out.error(map.keySpan(key), "unknown block keyword `" + key + "`", hint != null ? hint
            : AnsibleLanguage.TASK.contains(key) || key.startsWith("with_")
                ? "`" + key + "` belongs to a task: a block has no module, only `block`, `rescue` and `always` lists"
                : "block keywords: " + String.join(", ", new java.util.TreeSet<>(BLOCK_KEYWORDS)));
      }
    }
    TemplateSites.ofBlock(map, templates);
    String name = map.get("name").filter(n -> n instanceof YScalar s && !s.isNull()).map(n -> ((YScalar) n).text())
        .orElse(null);
    Block block = new Block(name, map.span(), present(map, "rescue"), present(map, "always"));
    Inherited inner = tasks.block(map, parent);
    section(map, "block", inner.in(new BlockFrame(block, BlockFrame.Section.BLOCK)), result);
    section(map, "rescue", inner.in(new BlockFrame(block, BlockFrame.Section.RESCUE)), result);
    section(map, "always", inner.in(new BlockFrame(block, BlockFrame.Section.ALWAYS)), result);
  }

  /**
   * {@code import_tasks: FILE} and {@code include_tasks: FILE} (or {@code {file: FILE}}): the file's
   * tasks take the place of the import, read now, so that their problems are reported at load time
   * with their place in that file, and each is one node per host like any task. The import's
   * keywords are given to them as a block's are; an include's {@code tags} select the include
   * only, as in Ansible, and are not given to its tasks ({@code apply}'s are). An include's loop
   * reads the file once per item ({@link IncludeLoop}).
   */
  private void include(YMap map, String key, Inherited parent, List<Task> result) {
    boolean dynamic = key.endsWith("include_tasks");
    for (String k : map.keySet()) {
      if (k.equals(key) || INCLUDE_KEYWORDS.contains(k) || dynamic && IncludeLoop.KEYS.contains(k)) {
        continue;
      }
      if (!dynamic && (IncludeLoop.KEYS.contains(k) || k.startsWith("with_"))) {
        out.error(map.keySpan(k), "`" + k + "` on `" + key + "` is refused, as Ansible refuses loops on imports",
            "use `include_tasks` to run the file once per item");
      } else if (AnsibleLanguage.TASK.contains(k) || k.startsWith("with_") || k.equals("apply")) {
        out.error(map.keySpan(k), "`" + k + "` on `" + key + "` is not supported yet",
            k.equals("apply") ? "give `apply` under `" + key + ":`, beside `file:`"
                : "write the tasks file's tasks so that they need no `" + k + "` here, or leave it out");
      } else {
        String hint = Suggestions.didYouMean(k, INCLUDE_KEYWORDS);
        out.error(map.keySpan(k), "unknown keyword `" + k + "` on `" + key + "`",
            hint != null ? hint : "keywords read here: " + String.join(", ", new java.util.TreeSet<>(INCLUDE_KEYWORDS)));
      }
    }
    YNode value = map.entries().get(key);
    YNode apply = null;
    if (value instanceof YMap args) {
      for (String k : args.keySet()) {
        if (k.equals("apply") && !dynamic) {
          out.error(args.keySpan(k), "`apply` belongs to `include_tasks`",
              "on `import_tasks`, write the keywords on the import itself: they reach every task of the file");
        } else if (!k.equals("file") && !k.equals("_raw_params") && !k.equals("apply")) {
          out.error(args.keySpan(k), "`" + key + "`'s `" + k + "` is not supported yet", "give only `file:`");
        }
      }
      apply = dynamic ? args.entries().get("apply") : null;
      value = args.get("file").or(() -> args.get("_raw_params")).orElse(null);
    }
    if (!(value instanceof YScalar name) || name.isNull() || name.text().isBlank()) {
      out.error(value != null ? value.span() : map.keySpan(key), "`" + key + "` needs the name of a tasks file",
          "write `" + key + ": tasks/setup.yml`");
      return;
    }
    List<Map<String, Object>> passes = dynamic ? IncludeLoop.passes(map, key, out) : IncludeLoop.ONCE;
    TemplateSites.ofBlock(map, templates);
    Inherited inner = tasks.block(map, parent);
    if (dynamic) {
      inner = inner.withoutTags(parent);
      if (apply instanceof YMap a) {
        TemplateSites.ofBlock(a, templates);
        inner = tasks.block(a, inner); // apply's keywords reach the included tasks, its tags too
      } else if (apply != null) {
        out.error(apply.span(), "`apply` must be a mapping of keywords, not " + apply.kind(),
            "write `apply: {tags: [web]}`");
      }
    }
    for (Map<String, Object> pass : passes) {
      Inherited withPass = pass.isEmpty() ? inner : inner.with(null, List.of(), pass, Map.of());
      if (!IncludeLoop.hostVariables(name, pass).isEmpty()) {
        if (!chosen(key, name, pass, withPass, result)) {
          return;
        }
        continue;
      }
      String text = IncludeLoop.name(name, pass, "tasks file name", out);
      if (text == null) {
        return;
      }
      Path file = find(text);
      if (file == null && dynamic && !inner.when().isEmpty()) {
        // Ansible looks for an included file when the include runs: a host whose when is false never does
        add(result, missing(key, name, text, IncludeChoice.literal(text), List.of(), Map.of(), withPass));
        continue;
      }
      if (file == null) {
        out.error(name.span(), "tasks file `" + text + "` not found",
            "looked in " + String.join(" and ", candidates(text).stream().map(Path::toString).toList()));
        return;
      }
      Path real = file.toAbsolutePath().normalize();
      if (files.stream().anyMatch(f -> f.toAbsolutePath().normalize().equals(real))) {
        out.error(name.span(), "`" + text + "` includes itself", "break the cycle of imports");
        return;
      }
      // the item is a variable of each included task (Ansible's loop variable reaches them all)
      List<Task> read = new ArrayList<>();
      List<Diagnostic> problems = readAside(file, text, withPass, read);
      if (!problems.isEmpty() && dynamic && !inner.when().isEmpty()) {
        // Ansible reads an included file when a host runs the include: a setup-Suse.yml of modules
        // Provision lacks fails only the hosts whose when holds, and validate shows why as warnings
        Diagnostic first = problems.stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        problems.forEach(d -> out.add(d.isError() ? Diagnostic.warning(d.span(), d.summary() + " (in `" + key + ": "
            + text + "` under `when`: only a host that runs the include fails)", d.hint()) : d));
        add(result, guard(key, name, "true", "tasks file `" + text + "` cannot be read: " + first.span() + ": "
            + first.summary() + " (the include at " + name.span() + ")", withPass));
        continue;
      }
      out.addAll(problems);
      result.addAll(read);
    }
  }

  /**
   * An include whose name reads host variables or facts ({@link IncludeChoice}): every file the
   * name can give is read, its tasks for the hosts whose rendered name is that file's; a host whose
   * name gives no such file fails at the include with the places looked in. A file that cannot be
   * read is an error only for the hosts that name it (its first problem is their failure), as
   * Ansible reads an included file only when a host includes it. False after an error, reported.
   */
  private boolean chosen(String key, YScalar name, Map<String, Object> pass, Inherited inner, List<Task> result) {
    String expression = IncludeChoice.expression(name.text());
    if (expression == null) {
      out.error(name.span(), "a tasks file name with `{%` or `{#` is not supported yet",
          "write the name with `{{ }}` only, such as `setup-{{ ansible_os_family }}.yml`");
      return false;
    }
    Map<String, String> known = IncludeChoice.known(pass);
    known.putIfAbsent("playbook_dir", baseDir.toAbsolutePath().normalize().toString());
    if (!roleStack.isEmpty()) {
      known.putIfAbsent("role_path", roleStack.peek().path().toString());
    }
    String pattern = IncludeChoice.pattern(name.text(), known);
    Map<Path, List<String>> byFile = new java.util.LinkedHashMap<>();
    for (Path base : bases()) {
      for (String text : IncludeChoice.matches(base, pattern)) {
        Path file = find(text);
        Path real = file == null ? null : file.toAbsolutePath().normalize();
        if (real != null && files.stream().noneMatch(f -> f.toAbsolutePath().normalize().equals(real))) {
          List<String> names = byFile.computeIfAbsent(real, f -> new ArrayList<>());
          if (!names.contains(text)) {
            names.add(text);
          }
        }
      }
    }
    List<String> readable = new ArrayList<>();
    Map<String, String> unreadable = new java.util.LinkedHashMap<>();
    List<Task> included = new ArrayList<>();
    for (Map.Entry<Path, List<String>> e : byFile.entrySet()) {
      Inherited forFile = inner.with(IncludeChoice.oneOf(expression, e.getValue()), List.of(), Map.of(), Map.of());
      List<Task> read = new ArrayList<>();
      List<Diagnostic> problems = readAside(e.getKey(), e.getValue().get(0), forFile, read);
      if (problems.isEmpty()) {
        included.addAll(read);
        readable.addAll(e.getValue());
        continue;
      }
      // not reported at load: a host that never names the file never reads it, as in Ansible
      Diagnostic first = problems.stream().filter(Diagnostic::isError).findFirst().orElseThrow();
      e.getValue().forEach(n -> unreadable.put(n, "cannot be read: " + first.span() + ": " + first.summary()));
    }
    add(result, missing(key, name, name.text(), expression, readable, unreadable, inner));
    result.addAll(included);
    return true;
  }

  /**
   * Reads a tasks file's tasks into {@code into}. When any of its problems is an error, they are
   * all taken out of the diagnostics and returned (the caller reports them, or fails only the hosts
   * that include the file); else they stay reported and none is returned.
   */
  private List<Diagnostic> readAside(Path file, String shown, Inherited inner, List<Task> into) {
    int before = out.size();
    List<YNode> documents = YamlReader.readAll(file, out);
    if (!documents.isEmpty() && !(documents.get(0) instanceof YScalar s && s.isNull())) { // else no tasks
      files.push(file);
      try {
        list(documents.get(0), "tasks file " + shown, inner, into);
      } finally {
        files.pop();
      }
    }
    return out.asList().subList(before, out.size()).stream().anyMatch(Diagnostic::isError) ? out.takeSince(before)
        : List.of();
  }

  /**
   * The include's own step: it fails for a host whose rendered name ({@code expression}) is none of
   * the {@code readable} files, naming the include's place and where the file was looked for, or
   * why the file named cannot be read ({@code unreadable}: name to reason).
   */
  private Task missing(String key, YScalar name, String shown, String expression, List<String> readable,
      Map<String, String> unreadable, Inherited inner) {
    String when = readable.isEmpty() ? "true" : "not (" + IncludeChoice.oneOf(expression, readable) + ")";
    String looked = String.join(" and ", candidates(shown).stream().map(Path::toString).toList());
    String why = IncludeChoice.why(expression, unreadable);
    return guard(key, name, when, "tasks file `" + shown + "` " + why + " (the include at " + name.span()
        + "; looked in " + looked + ")", inner);
  }

  private static void add(List<Task> result, Task task) {
    if (task != null) {
      result.add(task);
    }
  }

  /** A {@code fail} in the include's place, with the include's span, for the hosts {@code when} holds for. */
  Task guard(String key, YScalar name, String when, String message, Inherited inner) {
    var span = name.span();
    Map<String, YNode> entries = new java.util.LinkedHashMap<>();
    Map<String, SourceSpan> spans = new java.util.LinkedHashMap<>();
    entries.put("name", new YScalar(key + ": " + name.text(), false, span));
    entries.put("fail", new YMap(Map.of("msg", new YScalar(message, false, span)),
        Map.of("msg", span), span));
    entries.put("when", new YScalar(when, false, span));
    entries.keySet().forEach(k -> spans.put(k, span));
    Task task = tasks.read(new YMap(entries, spans, span), inner);
    return roleStack.isEmpty() || task == null ? task : task.toBuilder().role(roleStack.peek()).build();
  }

  /** The folders a relative tasks file is looked up in, in Ansible's order. */
  private List<Path> bases() {
    List<Path> out = new ArrayList<>();
    if (!files.isEmpty()) {
      Path dir = files.peek().toAbsolutePath().getParent();
      out.add(dir.normalize());
    }
    if (!roleStack.isEmpty()) { // inside a role, Ansible also looks in the role's tasks/
      Path inRole = roleStack.peek().path().resolve("tasks").toAbsolutePath().normalize();
      if (!out.contains(inRole)) {
        out.add(inRole);
      }
    }
    Path book = baseDir.toAbsolutePath().normalize();
    if (!out.contains(book)) {
      out.add(book);
    }
    return out;
  }

  /** Ansible's places for a relative tasks file: beside the file that names it, then beside the playbook. */
  private List<Path> candidates(String name) {
    Path p = Path.of(name);
    if (p.isAbsolute()) {
      return List.of(p);
    }
    List<Path> out = new ArrayList<>();
    for (Path base : bases()) {
      Path c = base.resolve(p);
      if (!out.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  private Path find(String name) {
    return candidates(name).stream().filter(Files::isRegularFile).findFirst().orElse(null);
  }

  private void section(YMap map, String key, Inherited inner, List<Task> result) {
    YNode node = map.entries().get(key);
    if (node == null || node instanceof YScalar s && s.isNull()) {
      return;
    }
    list(node, key, inner, result);
  }

  private static boolean present(YMap map, String key) {
    return map.get(key).filter(n -> n instanceof YSeq seq && !seq.items().isEmpty()).isPresent();
  }
}
