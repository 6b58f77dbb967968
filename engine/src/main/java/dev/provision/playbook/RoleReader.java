package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.Suggestions;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Roles, read when the playbook is loaded as Ansible reads them: a play's {@code roles:}, the
 * {@code dependencies} of a role's {@code meta/main.yml}, {@code import_role} and
 * {@code include_role}. A role's tasks join the play's list in its place, each knowing its
 * {@link Role}; its handlers join the play's handlers. So a role adds no node of its own: one node per
 * (task, host) stays the rule, and a role's files are checked with their places like the playbook's.
 */
final class RoleReader {

  /** The keys of a role entry Provision reads; Ansible's others are refused, anything else is a role param. */
  private static final Set<String> ENTRY = Set.of("role", "name", "vars", "tags", "when", "become", "connection",
      "remote_user", "port", "collections", "module_defaults", "environment", "become_user", "become_method",
      "become_flags", "become_exe", "diff", "any_errors_fatal", "throttle");

  /** {@code import_role} and {@code include_role}, short and fully qualified. */
  static final Set<String> INCLUDES = Set.of("import_role", "include_role", "ansible.builtin.import_role",
      "ansible.builtin.include_role", "ansible.legacy.import_role", "ansible.legacy.include_role");

  /** The options of {@code import_role} and {@code include_role} Provision reads. */
  private static final Set<String> OPTIONS = Set.of("name", "tasks_from", "vars_from", "defaults_from",
      "handlers_from", "public", "allow_duplicates", "apply");

  /** The keywords read on an {@code import_role} or {@code include_role} task. */
  private static final Set<String> INCLUDE_KEYWORDS = TaskListReader.INCLUDE_KEYWORDS;

  private final TaskListReader tasks;
  private final RolePath path;
  private final Diagnostics out;
  private final Keywords keywords;

  // what the play being read has gathered: its role handlers, the roles it has run (for
  // Ansible's once-per-play rule), and what its static roles expose to all of its tasks
  private final List<Task> handlers = new ArrayList<>();
  private final Set<String> ran = new LinkedHashSet<>();
  private final Map<String, Object> exposedDefaults = new LinkedHashMap<>();
  private final Map<String, Object> exposedVars = new LinkedHashMap<>();
  private final List<String> names = new ArrayList<>();

  RoleReader(TaskListReader tasks, RolePath path, Diagnostics out) {
    this.tasks = tasks;
    this.path = path;
    this.out = out;
    this.keywords = new Keywords(out);
  }

  /** Starts a new play: nothing of the last one is kept. */
  void startPlay() {
    handlers.clear();
    ran.clear();
    exposedDefaults.clear();
    exposedVars.clear();
    names.clear();
  }

  /** The handlers of the play's roles, in the order the roles were read. */
  List<Task> handlers() {
    return List.copyOf(handlers);
  }

  /** What the play's roles expose to every task of the play. */
  PlayRoles exposed() {
    return new PlayRoles(exposedDefaults, exposedVars, names);
  }

  /** The entry's {@code connection}, {@code remote_user}, {@code port}, {@code collections}, {@code module_defaults}, for its tasks as a block's. */
  private static YMap reachOf(YMap entry) {
    Map<String, YNode> keys = new LinkedHashMap<>();
    Map<String, dev.provision.diag.SourceSpan> spans = new LinkedHashMap<>();
    for (String k : java.util.stream.Stream.concat(TaskReader.PLAY_GIVES.stream(), java.util.stream.Stream.concat(
        BecomeAs.KEYWORDS.stream(), java.util.stream.Stream.of("diff", "any_errors_fatal", "throttle"))).toList()) {
      entry.get(k).ifPresent(v -> {
        keys.put(k, v);
        spans.put(k, entry.keySpan(k));
      });
    }
    return new YMap(keys, spans, entry.span());
  }

  /** The tasks of a play's {@code roles:} list, in order, each role's dependencies first, with what the play gives them. */
  List<Task> play(YMap play, Inherited given) {
    List<Task> result = new ArrayList<>();
    YNode node = play.entries().get("roles");
    if (node == null || node instanceof YScalar s && s.isNull()) {
      return result;
    }
    if (!(node instanceof YSeq seq)) {
      out.error(node.span(), "`roles` must be a list of roles, not " + node.kind(), "write `roles: [common, web]`");
      return result;
    }
    for (YNode item : seq.items()) {
      entry(item, given, null, result);
    }
    return result;
  }

  /** One entry of {@code roles:} or of a role's {@code dependencies}: a name, or a mapping with {@code role:}. */
  private void entry(YNode item, Inherited parent, Path within, List<Task> result) {
    YScalar name;
    Map<String, Object> vars = new LinkedHashMap<>();
    Map<String, Object> params = new LinkedHashMap<>();
    Inherited inner = parent;
    String key;
    if (item instanceof YScalar s && !s.isNull()) {
      name = s;
      key = "{}";
    } else if (item instanceof YMap map) {
      YNode n = map.get("role").or(() -> map.get("name")).orElse(null);
      if (!(n instanceof YScalar s) || s.isNull() || s.text().isBlank()) {
        out.error(n != null ? n.span() : map.span(), "a role entry needs the role's name",
            "write `- role: common` (or `- name: common`)");
        return;
      }
      name = s;
      for (String k : map.keySet()) {
        if (ENTRY.contains(k)) {
          continue;
        }
        if (AnsibleLanguage.ROLE.contains(k)) {
          out.error(map.keySpan(k), "`" + k + "` on a role is not supported yet", "leave it out for now");
        } else if (Keywords.IDENTIFIER.matcher(k).matches()) {
          params.put(k, map.entries().get(k).toPlain()); // Ansible's role params: - {role: x, port: 80}
        } else {
          out.error(map.keySpan(k), "`" + k + "` is not a valid variable name for a role parameter",
              "role parameters are variables: letters, digits and underscores");
        }
      }
      map.get("vars").ifPresent(v -> vars.putAll(keywords.vars("vars", v)));
      String when = map.get("when").map(v -> keywords.condition("when", v)).orElse(null);
      List<String> tags = map.get("tags").map(v -> keywords.strings("tags", v, true)).orElse(List.of());
      Map<String, YNode> passed = new LinkedHashMap<>();
      map.get("become").ifPresent(v -> {
        keywords.bool("become", v);
        passed.put("become", v);
      });
      inner = tasks.taskReader().block(reachOf(map), parent.with(when, tags, Map.of(), passed));
      Map<String, Object> written = new java.util.TreeMap<>();
      map.entries().forEach((k, v) -> {
        if (!k.equals("role") && !k.equals("name")) {
          written.put(k, v.toPlain());
        }
      });
      key = written.toString(); // what makes two uses of a role differ: its params, vars, when and tags
    } else {
      out.error(item.span(), "a role must be a name or a mapping with `role:`, not " + item.kind(),
          "write `- common` or `- role: common`");
      return;
    }
    if (refusedName(name)) {
      return;
    }
    Path dir = path.find(name, within);
    if (dir == null) {
      return;
    }
    RoleFiles files = new RoleFiles(dir, out);
    if (!ran.add(dir.toAbsolutePath().normalize() + " " + key) && !files.allowDuplicates()) {
      return; // Ansible runs a role once per play, unless its parameters differ
    }
    Role role = load(files, name.text(), RoleFiles.From.MAIN, vars, params);
    expose(role);
    for (YNode dep : files.dependencies()) {
      entry(dep, inner, dir, result);
    }
    inner = withMeta(files, inner);
    addTasks(files, role, RoleFiles.From.MAIN, inner, result);
    addHandlers(files, role, RoleFiles.From.MAIN, inner);
  }

  /**
   * {@code import_role} (static: its keywords reach every task of the role, as an import's do) and
   * {@code include_role} (its {@code tags} select the include alone, {@code apply} gives keywords to
   * the role's tasks): the role's tasks take the include's place, read now.
   */
  void include(YMap map, String key, Inherited parent, List<Task> result) {
    boolean dynamic = key.endsWith("include_role");
    for (String k : map.keySet()) {
      if (k.equals(key) || INCLUDE_KEYWORDS.contains(k) || dynamic && IncludeLoop.KEYS.contains(k)) {
        continue;
      }
      if (!dynamic && (IncludeLoop.KEYS.contains(k) || k.startsWith("with_"))) {
        out.error(map.keySpan(k), "`" + k + "` on `" + key + "` is refused, as Ansible refuses loops on imports",
            "use `include_role` to run the role once per item");
      } else if (AnsibleLanguage.TASK.contains(k) || k.startsWith("with_")) {
        out.error(map.keySpan(k), "`" + k + "` on `" + key + "` is not supported yet",
            "write the role's tasks so that they need no `" + k + "` here, or leave it out");
      } else {
        String hint = Suggestions.didYouMean(k, INCLUDE_KEYWORDS);
        out.error(map.keySpan(k), "unknown keyword `" + k + "` on `" + key + "`",
            hint != null ? hint : "keywords read here: " + String.join(", ", new TreeSet<>(INCLUDE_KEYWORDS)));
      }
    }
    YNode value = map.entries().get(key);
    if (!(value instanceof YMap args)) {
      out.error(value.span(), "`" + key + "` takes options, the role's `name:` first",
          "write `" + key + ": {name: common}`");
      return;
    }
    for (String k : args.keySet()) {
      if (!OPTIONS.contains(k)) {
        String hint = Suggestions.didYouMean(k, OPTIONS);
        String msg = k.equals("rolespec_validate") ? "`" + key + "`'s `" + k + "` is not supported yet"
            : "unknown option `" + k + "` of `" + key + "`";
        out.error(args.keySpan(k), msg, hint != null ? hint : "options: " + String.join(", ", new TreeSet<>(OPTIONS)));
      }
    }
    if (!dynamic && args.has("apply")) {
      out.error(args.keySpan("apply"), "`apply` belongs to `include_role`",
          "on `import_role`, write the keywords on the import itself: they reach every task of the role");
    }
    YNode n = args.get("name").orElse(null);
    if (!(n instanceof YScalar name) || name.isNull() || name.text().isBlank()) {
      out.error(n != null ? n.span() : args.span(), "`" + key + "` needs the role's `name`",
          "write `" + key + ": {name: common}`");
      return;
    }
    List<Map<String, Object>> passes = dynamic ? IncludeLoop.passes(map, key, out) : IncludeLoop.ONCE;
    TemplateSites.ofBlock(map, tasks.templates());
    Inherited inner = tasks.taskReader().block(map, parent);
    if (dynamic) {
      inner = inner.withoutTags(parent);
      YNode apply = args.entries().get("apply");
      if (apply instanceof YMap a) {
        inner = tasks.taskReader().block(a, inner);
      } else if (apply != null) {
        out.error(apply.span(), "`apply` must be a mapping of keywords, not " + apply.kind(),
            "write `apply: {tags: [web]}`");
      }
    }
    for (Map<String, Object> pass : passes) {
      // the item is a variable of each of the role's tasks, as Ansible's loop variable
      Inherited withItem = pass.isEmpty() ? inner : inner.with(null, List.of(), pass, Map.of());
      if (!pass(key, args, name, pass, withItem, map.toPlain() + " " + pass, result)) {
        return;
      }
    }
  }

  /** One pass of an include (the only one without a loop): false after an error, reported. */
  private boolean pass(String key, YMap args, YScalar written, Map<String, Object> pass, Inherited inner,
      String entry, List<Task> result) {
    boolean dynamic = key.endsWith("include_role");
    if (dynamic && !IncludeLoop.hostVariables(written, pass).isEmpty()) {
      return chosen(key, args, written, pass, inner, entry, result);
    }
    String text = dynamic ? IncludeLoop.name(written, pass, "role name", out) : written.text();
    if (text == null) {
      return false;
    }
    YScalar name = new YScalar(text, written.plain(), written.span());
    if (refusedName(name)) {
      return false;
    }
    Map<String, Object> known = dynamic ? pass : null;
    RoleFiles.From from = new RoleFiles.From(option(args, "tasks_from", known), option(args, "vars_from", known),
        option(args, "defaults_from", known), option(args, "handlers_from", known));
    Path dir = path.find(name, tasks.currentRole());
    if (dir == null) {
      return false;
    }
    RoleFiles files = new RoleFiles(dir, out);
    if (!files.has(from, args, name.text())) {
      return false;
    }
    Boolean allow = args.get("allow_duplicates").map(v -> keywords.bool("allow_duplicates", v)).orElse(true);
    String runKey = dir.toAbsolutePath().normalize() + " " + key + " " + args.toPlain() + " " + entry;
    if (!ran.add(runKey) && Boolean.FALSE.equals(allow)) {
      return true;
    }
    Role role = load(files, name.text(), from, Map.of(), Map.of());
    Boolean pub = args.get("public").map(v -> keywords.bool("public", v)).orElse(null);
    if (!dynamic || Boolean.TRUE.equals(pub)) {
      expose(role); // an import's vars and defaults are the play's, as Ansible exposes them at parse time
    }
    for (YNode dep : files.dependencies()) {
      entry(dep, inner, dir, result);
    }
    inner = withMeta(files, inner);
    addTasks(files, role, from, inner, result);
    addHandlers(files, role, from, inner);
    return true;
  }

  /**
   * An {@code include_role} whose name reads host variables or facts
   * ({@code name: "os_{{ ansible_os_family | lower }}"}), which Ansible renders per host when the
   * include runs: as for an include_tasks of such a name ({@link IncludeChoice}), every role of the
   * search path the name can give is read, its tasks for the hosts whose rendered name is that
   * role's, and a host whose name gives none fails at the include, naming where it looked. A role
   * that cannot be read fails only the hosts that name it, as Ansible reads it only for them. False
   * after an error, reported.
   */
  private boolean chosen(String key, YMap args, YScalar written, Map<String, Object> pass, Inherited inner,
      String entry, List<Task> result) {
    String expression = IncludeChoice.expression(written.text());
    if (expression == null) {
      out.error(written.span(), "a role name with `{%` or `{#` is not supported yet",
          "write the name with `{{ }}` only, such as `os_{{ ansible_os_family | lower }}`");
      return false;
    }
    Map<String, String> known = IncludeChoice.known(pass);
    String pattern = IncludeChoice.pattern(written.text(), known);
    if (pattern.contains("/")) {
      out.error(written.span(), "a role path with a template of host variables is not supported yet",
          "name the role without a `/`, from roles/ beside the playbook or the roles path");
      return false;
    }
    Map<String, Path> candidates = new LinkedHashMap<>();
    List<Path> searched = path.searchPath(tasks.currentRole());
    for (Path dir : searched) {
      for (String name : IncludeChoice.folders(dir, pattern)) {
        Path role = dir.resolve(name);
        if (RoleFiles.FOLDERS.stream().anyMatch(f -> java.nio.file.Files.isDirectory(role.resolve(f)))) {
          candidates.putIfAbsent(name, role); // a folder of a role, not any folder beside the playbook
        }
      }
    }
    List<String> readable = new ArrayList<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    List<Task> included = new ArrayList<>();
    for (String name : candidates.keySet()) {
      Inherited forRole = inner.with(IncludeChoice.oneOf(expression, List.of(name)), List.of(), Map.of(), Map.of());
      int before = out.size();
      List<Task> read = new ArrayList<>();
      boolean ok = pass(key, args, new YScalar(name, true, written.span()), pass, forRole, entry, read);
      if (ok && out.asList().subList(before, out.size()).stream().noneMatch(dev.provision.diag.Diagnostic::isError)) {
        included.addAll(read);
        readable.add(name);
        continue;
      }
      List<dev.provision.diag.Diagnostic> problems = out.takeSince(before);
      String why = problems.stream().filter(dev.provision.diag.Diagnostic::isError).findFirst()
          .map(d -> d.span() + ": " + d.summary()).orElse("it cannot be read");
      unreadable.put(name, "cannot be read: " + why);
    }
    String when = readable.isEmpty() ? "true" : "not (" + IncludeChoice.oneOf(expression, readable) + ")";
    String why = IncludeChoice.why(expression, unreadable);
    // a template, as the message is: each host's own name is shown
    String looked = String.join(", ", searched.stream().map(d -> d.resolve(written.text()).toString()).toList());
    Task guard = tasks.guard(key, written, when, "role `" + written.text() + "` " + why + " (the include at "
        + written.span() + "; looked in " + looked + ")", inner);
    if (guard != null) {
      result.add(guard);
    }
    result.addAll(included);
    return true;
  }

  /** What the role's meta/main gives its own tasks and handlers ({@code collections}: where their short module names are found). */
  private Inherited withMeta(RoleFiles files, Inherited inner) {
    YMap meta = files.metaKeywords();
    return meta == null ? inner : tasks.taskReader().block(meta, inner);
  }

  /** The {@code *_from} option {@code key}: on an include, a template of the loop variable ({@code known}) may name it. */
  private String option(YMap args, String key, Map<String, Object> known) {
    YNode v = args.entries().get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof YScalar s && !s.isNull() && !Keywords.templated(s)) {
      return s.text();
    }
    if (known != null && v instanceof YScalar s && !s.isNull()) {
      return IncludeLoop.name(s, known, "`" + key + "`", out);
    }
    out.error(v.span(), "`" + key + "` must name a file of the role" + (Keywords.templated(v)
        ? ": a template there is not supported yet" : ""), "write `" + key + ": setup`");
    return null;
  }

  private boolean refusedName(YScalar name) {
    if (Keywords.templated(name)) {
      out.error(name.span(), "a role name with a template is not supported yet", "name the role: `common`");
      return true;
    }
    String[] parts = name.text().split("\\.");
    if (!name.text().contains("/") && parts.length >= 3) {
      out.error(name.span(), "`" + name.text() + "` is not supported yet: Provision has no collection `"
          + parts[0] + "." + parts[1] + "`", "copy the role into roles/ beside the playbook and name it `"
          + parts[parts.length - 1] + "`");
      return true;
    }
    return false;
  }

  private Role load(RoleFiles files, String written, RoleFiles.From from, Map<String, Object> entryVars,
      Map<String, Object> params) {
    Map<String, Object> vars = new LinkedHashMap<>(files.vars(from.vars()));
    vars.putAll(entryVars);
    String name = written; // a role given as a path is named by it, as Ansible names it
    if (!names.contains(name)) {
      names.add(name);
    }
    return new Role(name, files.dir().toAbsolutePath().normalize(), files.defaults(from.defaults()), vars, params);
  }

  private void expose(Role role) {
    exposedDefaults.putAll(role.defaults());
    exposedVars.putAll(role.vars());
  }

  private void addTasks(RoleFiles files, Role role, RoleFiles.From from, Inherited inner, List<Task> result) {
    Path file = files.tasks(from.tasks());
    if (file == null) {
      return; // a role without tasks (only handlers, or only dependencies) is valid
    }
    List<Task> read = new ArrayList<>();
    tasks.file(file, role, inner, read);
    read.forEach(t -> result.add(t.role() == null ? t.toBuilder().role(role).build() : t));
  }

  private void addHandlers(RoleFiles files, Role role, RoleFiles.From from, Inherited inner) {
    Path file = files.handlers(from.handlers());
    if (file == null) {
      return;
    }
    List<Task> read = new ArrayList<>();
    tasks.file(file, role, Inherited.NONE.with(null, List.of(), Map.of(), inner.keywords()), read);
    for (Task t : read) {
      // a role used twice has its handlers once: Ansible runs a notified handler once per host
      if (handlers.stream().noneMatch(h -> h.span().equals(t.span()))) {
        handlers.add((t.role() == null ? t.toBuilder().role(role) : t.toBuilder()).handler(true).build());
      }
    }
  }
}
