package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import dev.provision.module.Module;
import dev.provision.module.ModuleRegistry;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one task: exactly one module key with its arguments (checked against the module's schema)
 * plus keywords. Every problem goes to the diagnostics; the task is still returned when its module
 * is known, so later checks (templates, needs) see as much as possible.
 */
final class TaskReader {

  static final List<String> KEYWORDS = List.of("name", "register", "when", "until", "retries", "delay", "timeout",
      "tags", "ignore_errors", "no_log", "become", "vars", "changed_when", "failed_when", "check_mode", "loop",
      "with_items", "with_list", "with_dict", "with_indexed_items", "with_together", "with_nested", "with_cartesian",
      "with_flattened", "with_first_found", "loop_control", "notify", "listen", "args", "run_once", "delegate_to",
      "delegate_facts", "connection", "remote_user", "port", "collections", "module_defaults", "environment",
      "become_user", "become_method", "become_flags", "become_exe", "any_errors_fatal", "throttle", "async", "poll",
      "action", "local_action", "diff");
  private static final List<String> LOOPS = java.util.stream.Stream.concat(TaskLoop.KINDS.stream(),
      TaskLoop.LOOKUPS.stream()).sorted().toList();
  private static final Set<String> LOOP_CONTROL = Set.of("loop_var", "label", "index_var", "extended", "pause");
  /** Ansible's default delay between {@code until} retries. */
  static final Duration DEFAULT_DELAY = Duration.ofSeconds(5);

  private final ModuleRegistry modules;
  private final ModuleKeywords moduleKeywords;
  private final Diagnostics out;
  private final Keywords keywords;

  TaskReader(ModuleRegistry modules, Diagnostics out) {
    this.modules = modules;
    this.moduleKeywords = new ModuleKeywords(modules);
    this.out = out;
    this.keywords = new Keywords(out);
  }

  /** Keywords a block gives the tasks inside it, when they do not set them (besides when, tags, vars). */
  static final List<String> INHERITED = List.of("become", "ignore_errors", "no_log", "check_mode", "timeout",
      "run_once", "delegate_to", "delegate_facts", "connection", "remote_user", "port", "collections",
      "module_defaults", "environment", "become_user", "become_method", "become_flags", "become_exe",
      "any_errors_fatal", "throttle", "diff", "notify");

  /** The keywords that say how a host is reached ({@link Reach}): a play's, a block's, a role's or a task's. */
  static final List<String> REACH = List.of("connection", "remote_user", "port");

  /** The keywords a play, or a role entry, gives its tasks as a block would (besides when, tags and vars). */
  static final List<String> PLAY_GIVES = List.of("connection", "remote_user", "port", "collections", "module_defaults",
      "environment");

  /** The keywords a play gives its tasks (and handlers) as a block would: a role entry's, and four more. */
  static final List<String> PLAY_KEYWORDS = java.util.stream.Stream.concat(
      java.util.stream.Stream.of("no_log", "ignore_errors", "check_mode", "timeout", "become_user", "become_method",
          "become_flags", "become_exe", "diff", "throttle"), PLAY_GIVES.stream()).toList();

  /**
   * What a play gives all of its tasks, as a block around them would: its {@code tags} and its
   * {@code connection}, {@code remote_user} and {@code port} (read and checked here, once).
   */
  Inherited play(YMap map) {
    Draft b = new Draft();
    Map<String, YNode> passed = new java.util.LinkedHashMap<>();
    for (String key : PLAY_KEYWORDS) {
      map.get(key).ifPresent(v -> {
        keyword(b, key, v, keywords);
        passed.put(key, v);
      });
    }
    if (passed.containsKey("module_defaults")) {
      passed.put("module_defaults", moduleKeywords.defaults(map, Inherited.NONE));
    }
    List<String> tags = map.get("tags").map(v -> keywords.strings("tags", v, true)).orElse(List.of());
    return Inherited.NONE.with(null, tags, Map.of(), passed);
  }

  /** The play's {@code connection}, {@code remote_user} and {@code port}, as {@link #play} read them. */
  static Reach reach(Inherited play) {
    Draft b = new Draft();
    Keywords quiet = new Keywords(new Diagnostics());
    play.keywords().forEach((key, value) -> b.reach = reach(b.reach, key, value, quiet));
    return b.reach;
  }

  /** A task outside any block. */
  Task read(YNode node) {
    return read(node, Inherited.NONE);
  }

  /** A task, with what the blocks around it give it. */
  Task read(YNode node, Inherited parent) {
    if (!(node instanceof YMap written)) {
      out.error(node.span(), "a task must be a mapping, not " + node.kind(),
          "write a task as `- name: ...` followed by one module, such as `command: uname -r`");
      return null;
    }
    YMap map = ActionKeywords.rewrite(written, out); // action: and local_action: name the module as a key would
    List<String> collections = ModuleKeywords.inForce(map, parent);
    String module = findModule(map, collections);
    Draft b = new Draft();
    b.task.span(map.span()).node(map);
    for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
      keyword(b, e.getKey(), e.getValue(), keywords);
    }
    inherit(b, map, parent);
    if (b.async != null && b.async > 0 && b.poll != null && b.poll == 0) {
      out.error(map.keySpan("poll"), "`poll: 0` (fire and forget, with async_status later) is not supported yet",
          "leave out `poll: 0`: the task then waits for its result, for at most `async` seconds");
    }
    if (b.until != null && b.retries == null) {
      b.retries = 3;
    }
    if (b.loopControl != null && b.loopItems == null) {
      out.error(map.keySpan("loop_control"), "`loop_control` without a loop", "add `loop:` with the items");
    }
    List<String> loops = LOOPS.stream().filter(map::has).toList();
    if (loops.size() > 1) {
      out.error(map.keySpan(loops.get(1)), "a task has one loop, this one has `" + String.join("` and `", loops) + "`",
          "keep `loop:`");
    }
    if (module == null) {
      return null;
    }
    Module m = moduleKeywords.resolve(module, collections).orElseThrow();
    int before = out.size();
    YNode defaults = moduleKeywords.defaults(map, parent);
    YNode args = KeyValueArgs.arguments(map.entries().get(module), moduleKeywords.under(m, defaults,
        map.entries().get("args")), module, m.schema().freeForm(), out);
    if (out.size() == before) { // arguments that could not be read would only set off knock-on errors
      out.addAll(m.schema().check(module, args, map.keySpan(module)));
    }
    YNode environment = Keywords.mergeEnvironment(parent.keywords().get("environment"), map.entries().get("environment"));
    b.task.environment(environment == null || environment instanceof YScalar e && e.isNull() ? null
        : environment.toPlain());
    b.task.module(moduleKeywords.name(module, collections), map.keySpan(module))
        .args(args == null ? null : args.toPlain(), args);
    return b.build();
  }

  /** Ansible's {@code meta} actions Provision runs (docs/playbooks.md, "meta"). */
  static final Set<String> META_ACTIONS = Set.of("flush_handlers", "end_host", "end_play", "noop", "clear_facts",
      "reset_connection");

  /** Ansible's other {@code meta} actions, and why each is refused. */
  private static final Map<String, String> META_REFUSED = Map.of(
      "refresh_inventory", "`meta: refresh_inventory` is not supported: Provision reads the inventory once, before"
          + " any host is touched, and builds the run's graph from it",
      "clear_host_errors", "`meta: clear_host_errors` is not supported yet",
      "end_batch", "`meta: end_batch` is not supported yet",
      "end_role", "`meta: end_role` is not supported yet",
      "role_complete", "`meta: role_complete` is not supported yet");

  /** The meta actions Ansible runs once for every host of the play (the others run per host). */
  static final Set<String> ONCE_FOR_ALL = Set.of("end_play", "clear_facts");

  /** The keywords a {@code meta} task may have here. */
  private static final Set<String> META_KEYWORDS = Set.of("name", "when", "tags");

  /**
   * {@code meta: ACTION}: a task of the engine's own (module {@link Task#META}, the action as its
   * arguments), with its {@code name}, {@code when} and {@code tags} and what its blocks give it.
   */
  Task meta(YMap map, String key, Inherited parent) {
    for (String k : map.keySet()) {
      if (!k.equals(key) && !META_KEYWORDS.contains(k)) {
        out.error(map.keySpan(k), "`" + k + "` on a `meta` task is not supported yet",
            "a `meta` task reads only `name`, `when` and `tags`");
      }
    }
    YNode value = map.entries().get(key);
    String action = keywords.string(key, value);
    if (action == null) {
      return null;
    }
    action = action.strip();
    if (META_REFUSED.containsKey(action)) {
      out.error(value.span(), META_REFUSED.get(action), "leave it out");
      return null;
    }
    if (!META_ACTIONS.contains(action)) {
      String hint = Suggestions.didYouMean(action, META_ACTIONS);
      out.error(value.span(), "unknown `meta` action `" + action + "`",
          hint != null ? hint : "meta actions: " + String.join(", ", new java.util.TreeSet<>(META_ACTIONS)));
      return null;
    }
    if (action.equals("flush_handlers") && !parent.frames().isEmpty()) {
      out.error(map.keySpan(key), "`meta: flush_handlers` inside a block is not supported yet",
          "put it between blocks, in the play's task list");
      return null;
    }
    Draft b = new Draft();
    b.task.span(map.span()).node(map);
    for (String k : META_KEYWORDS) {
      map.get(k).ifPresent(v -> keyword(b, k, v, keywords));
    }
    inherit(b, map, parent);
    b.task.module(Task.META, map.keySpan(key)).args(action, value);
    if (ONCE_FOR_ALL.contains(action)) {
      b.task.runOnce(true); // Ansible judges these once, on the first host, and acts for all hosts
    }
    return b.build();
  }

  /** The one module key of the task, or null after reporting zero, two or unknown modules. */
  private String findModule(YMap map, List<String> collections) {
    List<String> found = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String key : map.keySet()) {
      if (KEYWORDS.contains(key) || TaskLoop.LOOKUPS.contains(key)) {
        continue;
      }
      if (moduleKeywords.resolve(key, collections).isPresent()) {
        found.add(key);
      } else {
        unknown.add(key);
      }
    }
    for (String key : unknown) {
      SourceSpan where = map.keySpan(key);
      String keywordHint = Suggestions.didYouMean(key, KEYWORDS);
      String moduleHint = Suggestions.didYouMean(key, modules.keys());
      String refused = AnsibleLanguage.notSupportedYet(key);
      if (refused == null && !collections.isEmpty() && !key.contains(".") && Keywords.IDENTIFIER.matcher(key).matches()
          && found.isEmpty() && key.equals(unknown.get(0))) {
        refused = "`" + key + "` is not supported yet: Provision has no such module in " + String.join(", ", collections);
      }
      if (refused != null) {
        out.error(where, refused, AnsibleLanguage.TASK.contains(key) ? "leave it out for now"
            : "Provision's modules: " + String.join(", ", modules.names()));
      } else if (key.startsWith("with_")) {
        out.error(where, "`" + key + "` is not supported yet", "the with_ loops Provision has: "
            + String.join(", ", LOOPS.stream().filter(l -> l.startsWith("with_")).toList()));
      } else if (keywordHint != null) {
        out.error(where, "unknown task keyword `" + key + "`", keywordHint);
      } else if (moduleHint != null) {
        out.error(where, "unknown module `" + key + "`", moduleHint);
      } else if (found.isEmpty() && key.equals(unknown.get(0))) {
        out.error(where, "unknown module `" + key + "`", "known modules: " + String.join(", ", modules.names()));
      } else {
        out.error(where, "unknown task keyword `" + key + "`", "task keywords: " + String.join(", ", KEYWORDS));
      }
    }
    if (found.size() > 1) {
      out.error(map.keySpan(found.get(1)), "a task has exactly one module, this one has " + found.size() + ": `"
          + String.join("`, `", found) + "`", "split it into one task per module");
      return null;
    }
    if (found.isEmpty()) {
      if (unknown.isEmpty()) {
        out.error(map.span(), "this task has no module", "add one module key, such as `command: uname -r`");
      }
      return null;
    }
    return found.get(0);
  }

  /**
   * What the blocks give a task that does not say it itself: their keywords (read again here, their
   * errors were reported once, at the block), their conditions before its own, their tags and vars.
   */
  private void inherit(Draft b, YMap map, Inherited parent) {
    Keywords quiet = new Keywords(new Diagnostics());
    parent.keywords().forEach((key, value) -> {
      if (!map.has(key)) {
        keyword(b, key, value, quiet);
      }
    });
    Task built = b.task.build();
    b.task.when(parent.condition(built.when()));
    java.util.LinkedHashSet<String> tags = new java.util.LinkedHashSet<>(parent.tags());
    tags.addAll(built.tags());
    b.task.tags(new ArrayList<>(tags));
    Map<String, Object> vars = new java.util.LinkedHashMap<>(parent.vars());
    vars.putAll(built.vars());
    b.task.vars(vars);
    b.task.blocks(parent.frames());
  }

  /**
   * A block's own keywords (its {@code block}, {@code rescue} and {@code always} lists are read by the
   * caller), checked once here, and what they give the tasks inside it.
   */
  Inherited block(YMap map, Inherited parent) {
    Draft b = new Draft();
    List<String> own = new ArrayList<>(INHERITED);
    own.addAll(List.of("name", "when", "tags", "vars"));
    Map<String, YNode> passed = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
      if (own.contains(e.getKey())) {
        keyword(b, e.getKey(), e.getValue(), keywords);
        if (INHERITED.contains(e.getKey())) {
          passed.put(e.getKey(), e.getValue());
        }
      }
    }
    if (passed.containsKey("module_defaults")) { // merged with the outer levels', not instead of them
      passed.put("module_defaults", moduleKeywords.defaults(map, parent));
    }
    if (passed.containsKey("environment")) { // so is the environment, variable by variable
      passed.put("environment", Keywords.mergeEnvironment(parent.keywords().get("environment"),
          passed.get("environment")));
    }
    Task t = b.task.build();
    return parent.with(t.when(), t.tags(), t.vars(), passed);
  }

  private void keyword(Draft b, String key, YNode value, Keywords keywords) {
    Task.Builder t = b.task;
    switch (key) {
      case "name" -> t.name(keywords.string(key, value));
      case "register" -> {
        String register = keywords.string(key, value);
        if (register != null && Keywords.RESERVED.contains(register)) {
          out.error(value.span(), "`" + register + "` is a reserved word in templates", "choose another name");
        } else if (register != null && !Keywords.IDENTIFIER.matcher(register).matches()) {
          out.error(value.span(), "`" + register + "` is not a valid variable name for `register`",
              "use letters, digits and underscores, starting with a letter or underscore");
        }
        t.register(register);
      }
      case "when" -> t.when(keywords.condition(key, value));
      case "until" -> b.until = keywords.condition(key, value);
      case "changed_when" -> t.changedWhen(keywords.condition(key, value));
      case "failed_when" -> t.failedWhen(keywords.condition(key, value));
      case "retries" -> b.retries = keywords.count(key, value);
      case "delay" -> b.delay = keywords.duration(key, value);
      case "timeout" -> t.timeout(b.timeout = keywords.duration(key, value));
      case "async" -> b.async = keywords.count(key, value);
      case "poll" -> b.poll = keywords.count(key, value);
      case "tags" -> t.tags(keywords.strings(key, value, true));
      case "ignore_errors" -> {
        if (Keywords.templated(value)) { // "{{ ansible_check_mode }}": judged when the task fails
          t.ignoreErrors(false).ignoreErrorsWhen(((YScalar) value).text());
        } else {
          t.ignoreErrors(Boolean.TRUE.equals(keywords.bool(key, value))).ignoreErrorsWhen(null);
        }
      }
      case "no_log" -> t.noLog(Boolean.TRUE.equals(keywords.bool(key, value)));
      case "become" -> t.become(keywords.bool(key, value));
      case "check_mode" -> t.checkMode(keywords.bool(key, value));
      case "vars" -> t.vars(keywords.vars(key, value));
      case "loop", "with_items", "with_list", "with_dict", "with_indexed_items", "with_together", "with_nested",
          "with_cartesian", "with_flattened", "with_first_found" -> {
        b.loopItems = loopItems(key, value, keywords);
        b.loopKind = key;
      }
      case "loop_control" -> b.loopControl = loopControl(value, keywords);
      case "notify" -> t.notifies(keywords.strings(key, value, false));
      case "listen" -> t.listen(keywords.strings(key, value, false));
      case "run_once" -> t.runOnce(Boolean.TRUE.equals(keywords.bool(key, value)));
      case "delegate_to" -> t.delegateTo(keywords.string(key, value));
      case "delegate_facts" -> t.delegateFacts(Boolean.TRUE.equals(keywords.bool(key, value)));
      case "connection", "remote_user", "port" -> t.reach(b.reach = reach(b.reach, key, value, keywords));
      case "diff" -> t.diff(keywords.bool(key, value));
      case "any_errors_fatal" -> t.anyErrorsFatal(Boolean.TRUE.equals(keywords.bool(key, value)));
      case "throttle" -> {
        Integer n = keywords.count(key, value);
        t.throttle(n == null ? 0 : n);
      }
      case "become_user", "become_method", "become_flags", "become_exe" ->
          t.becomeAs(b.becomeAs = b.becomeAs.with(key, becomeKeyword(key, value, keywords)));
      case "collections" -> ModuleKeywords.collections(value, keywords); // read by read(), before the module
      case "module_defaults" -> ModuleKeywords.check(value, keywords); // merged into the arguments by read()
      case "environment" -> keywords.environment(key, value); // merged with the outer levels' by read()
      default -> {
        if (TaskLoop.LOOKUPS.contains(key)) { // with_sequence, with_fileglob...: a lookup's terms
          b.loopItems = loopItems(key, value, keywords);
          b.loopKind = key;
        } // else the module key
      }
    }
  }

  /**
   * A {@code become_*} keyword's value: a string (a template is checked when the task runs);
   * {@code become_method} is sudo or su, Ansible's other methods are not supported yet.
   */
  private static String becomeKeyword(String key, YNode value, Keywords keywords) {
    String written = keywords.string(key, value);
    if (written == null || !key.equals("become_method") || Keywords.templated(value)) {
      return written;
    }
    String m = written.strip();
    String bare = m.startsWith("ansible.builtin.") ? m.substring("ansible.builtin.".length()) : m;
    if (dev.provision.connection.Become.METHODS.contains(bare)) {
      return bare;
    }
    keywords.out().error(value.span(), BecomeAs.ANSIBLE_METHODS.contains(m) ? "the become method `" + m
        + "` is not supported yet" : "unknown become method `" + m + "`", "write `become_method: sudo` or `su`");
    return null;
  }

  /** {@code reach} with one of its keywords set, checked. */
  private static Reach reach(Reach reach, String key, YNode value, Keywords keywords) {
    return switch (key) {
      case "connection" -> new Reach(keywords.connection(key, value), null, null).over(reach);
      case "remote_user" -> new Reach(null, keywords.string(key, value), null).over(reach);
      default -> new Reach(null, null, keywords.port(key, value)).over(reach);
    };
  }

  /** A list (items may hold templates) or one template that renders to a list. */
  private Object loopItems(String key, YNode value, Keywords keywords) {
    if (value instanceof YSeq || value instanceof YMap && key.equals("with_dict")) {
      return value.toPlain();
    }
    if (value instanceof YMap && key.equals("with_first_found")) {
      return List.of(value.toPlain()); // one {files, paths} mapping
    }
    if (value instanceof YScalar s && Keywords.templated(s)) {
      return s.text();
    }
    if (value instanceof YScalar s && !s.isNull() && TaskLoop.LOOKUPS.contains(key)) {
      return s.text(); // one term: `with_sequence: start=1 end=5`, `with_fileglob: "*.conf"`
    }
    if (value instanceof YMap && TaskLoop.LOOKUPS.contains(key)) {
      return value.toPlain(); // with_dict's mapping, as the dict lookup's one term
    }
    keywords.out().error(value.span(), "`" + key + "` must be a list or a template that gives one, not "
        + (value instanceof YScalar s && !s.isNull() ? "`" + s.text() + "`" : value.kind()),
        "write `" + key + ": [a, b]` or `" + key + ": \"{{ packages }}\"`");
    return null;
  }

  /**
   * {@code loop_control}: {@code loop_var} and {@code index_var} (variable names), {@code label} (a
   * template), {@code extended} (a boolean, as text), {@code pause} (a duration, as ISO-8601 text).
   */
  private String[] loopControl(YNode value, Keywords keywords) {
    Diagnostics out = keywords.out();
    String[] control = new String[5];
    if (!(value instanceof YMap map)) {
      out.error(value.span(), "`loop_control` must be a mapping, not " + value.kind(),
          "write `loop_control: {loop_var: pkg}`");
      return control;
    }
    for (String key : map.keySet()) {
      if (!LOOP_CONTROL.contains(key)) {
        String hint = Suggestions.didYouMean(key, LOOP_CONTROL);
        out.error(map.keySpan(key), "`loop_control." + key + "` is not supported yet", hint != null ? hint
            : "supported: loop_var, index_var, label, extended, pause");
      }
    }
    for (int i = 0; i < 3; i += 2) {
      String key = i == 0 ? "loop_var" : "index_var";
      int at = i;
      map.get(key).ifPresent(v -> {
        control[at] = keywords.string(key, v);
        if (control[at] != null && (!Keywords.IDENTIFIER.matcher(control[at]).matches()
            || Keywords.RESERVED.contains(control[at]))) {
          out.error(v.span(), "`" + control[at] + "` is not a valid variable name for `" + key + "`",
              "use letters, digits and underscores, starting with a letter or underscore");
          control[at] = null;
        }
      });
    }
    map.get("label").ifPresent(v -> control[1] = keywords.string("label", v));
    map.get("extended").ifPresent(v -> control[3] = String.valueOf(Boolean.TRUE.equals(keywords.bool("extended", v))));
    map.get("pause").ifPresent(v -> {
      java.time.Duration pause = keywords.duration("pause", v);
      control[4] = pause == null ? null : pause.toString();
    });
    return control;
  }

  /** The task's fields while they are read: the keywords go straight to the builder, the rest waits. */
  private static final class Draft {
    final Task.Builder task = Task.builder();
    Integer retries;
    Duration delay;
    String until;
    Object loopItems;
    String loopKind;
    String[] loopControl;
    Reach reach = Reach.NONE;
    BecomeAs becomeAs = BecomeAs.NONE;
    Duration timeout;
    Integer async;
    Integer poll;

    Task build() {
      if (async != null && async > 0 && (poll == null || poll > 0)) {
        // async with polling: the task waits for its result as any other, for at most `async` seconds
        Duration limit = Duration.ofSeconds(async);
        task.timeout(timeout == null || limit.compareTo(timeout) < 0 ? limit : timeout);
      }
      TaskLoop loop = loopItems == null ? null
          : new TaskLoop(loopItems, loopKind, loopControl == null ? null : loopControl[0],
              loopControl == null ? null : loopControl[1], loopControl == null ? null : loopControl[2],
              loopControl != null && "true".equals(loopControl[3]),
              loopControl == null || loopControl[4] == null ? null : Duration.parse(loopControl[4]));
      return task.until(until).retries(retries == null ? 0 : retries).delay(delay == null ? DEFAULT_DELAY : delay)
          .loop(loop).build();
    }
  }
}
