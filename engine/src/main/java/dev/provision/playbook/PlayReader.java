package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one play's keywords and tasks. The play's name defaults to {@code play N} (its position);
 * {@code needs} is kept as written, for {@link NeedsGraph} to resolve across the file.
 */
final class PlayReader {

  static final List<String> KEYWORDS = List.of("name", "hosts", "vars", "vars_files", "secret_vars", "become",
      "gather_facts", "needs", "pre_tasks", "roles", "tasks", "post_tasks", "handlers", "serial",
      "max_fail_percentage", "any_errors_fatal", "strategy", "connection", "remote_user", "port", "tags", "collections", "module_defaults", "environment",
      "no_log", "ignore_errors", "check_mode", "timeout", "become_user", "become_method", "become_flags",
      "become_exe", "order", "vars_prompt", "diff", "throttle");

  /** A play as read, before its {@code needs} are resolved. */
  record Draft(Play play, NeedsGraph.Written needs, SourceSpan nameSpan, boolean named) {}

  private final TaskListReader tasks;
  private final Diagnostics out;
  private final Keywords keywords;

  private final VarsFiles varsFiles;

  PlayReader(TaskReader tasks, Path baseDir, Map<String, String> env, Diagnostics out,
      java.util.function.Consumer<TemplateSites.Site> templates) {
    this.tasks = new TaskListReader(tasks, out, templates, baseDir, env);
    this.out = out;
    this.keywords = new Keywords(out);
    this.varsFiles = new VarsFiles(baseDir, out);
  }

  Draft read(YNode node, int position) {
    if (!(node instanceof YMap map)) {
      out.error(node.span(), "a play must be a mapping, not " + node.kind(),
          "write each play as `- name: ...` with `hosts:` and `tasks:` below it");
      return null;
    }
    for (String key : map.keySet()) {
      if (!KEYWORDS.contains(key) && AnsibleLanguage.PLAY.contains(key)) {
        out.error(map.keySpan(key), "the play keyword `" + key + "` is not supported yet", "leave it out for now");
      } else if (!KEYWORDS.contains(key)) {
        String hint = Suggestions.didYouMean(key, KEYWORDS);
        if (key.equals("when")) { // not a play keyword in Ansible either ("not a valid attribute for a Play")
          hint = "a play has no `when`: put it on a block holding the play's tasks, or choose the hosts with `hosts:`";
        }
        if (hint == null && TaskReader.KEYWORDS.contains(key)) {
          hint = "`" + key + "` belongs to a task, under `tasks:`";
        }
        out.error(map.keySpan(key), "unknown play keyword `" + key + "`",
            hint != null ? hint : "play keywords: " + String.join(", ", KEYWORDS));
      }
    }
    String name = map.get("name").map(n -> keywords.string("name", n)).orElse(null);
    boolean named = name != null;
    if (name == null) {
      name = "play " + position;
    }
    String hosts = hosts(map);
    Map<String, Object> vars = new LinkedHashMap<>();
    map.get("vars").ifPresent(v -> vars.putAll(keywords.vars("vars", v)));
    java.util.Set<String> secret = new java.util.HashSet<>();
    VarsPrompts.read(map, keywords, vars, secret); // defaults only: Provision asks nothing
    VarsFiles.Loaded fromFiles = varsFiles.read(map);
    vars.putAll(fromFiles.vars()); // as in Ansible, vars_files win over vars
    secret.addAll(fromFiles.secretNames());
    Boolean become = map.get("become").map(v -> keywords.bool("become", v)).orElse(null);
    Boolean gather = map.get("gather_facts").map(v -> keywords.bool("gather_facts", v)).orElse(null);
    NeedsGraph.Written needs = needs(name, map);
    // pre_tasks, roles, tasks, post_tasks: one list in that order, with Ansible's flush of the
    // handlers after each section that more tasks follow (and after the last, where the handlers follow)
    RoleReader roles = tasks.roles();
    roles.startPlay();
    Inherited given = tasks.taskReader().play(map); // the play's tags and connection keywords, for all its tasks
    List<List<Task>> sections = new ArrayList<>();
    sections.add(tasks.read(map, "pre_tasks", given));
    sections.add(roles.play(map, given));
    sections.add(tasks.read(map, "tasks", given));
    sections.add(tasks.read(map, "post_tasks", given));
    sections.removeIf(List::isEmpty);
    List<Task> taskList = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      taskList.addAll(sections.get(i));
      if (i < sections.size() - 1) {
        taskList.add(FLUSH);
      }
    }
    List<Task> handlers = new ArrayList<>(roles.handlers()); // as in Ansible: the roles' handlers, then the play's
    // a handler runs when notified, whatever the tags: it takes the play's other keywords only
    handlers.addAll(tasks.read(map, "handlers", Inherited.NONE.with(null, List.of(), Map.of(), given.keywords())));
    for (Task h : handlers) {
      if (h.metaAction() != null) {
        out.error(h.moduleSpan(), "`meta` among the handlers is not supported yet", "put it in the play's tasks");
      }
    }
    handlers = handlers.stream().filter(h -> h.metaAction() == null).toList();
    new HandlerCheck(out).check(taskList, handlers, HandlerCheck.written(map.entries().get("handlers")));
    Play play = new Play(name, map.span(), hosts == null ? "" : hosts, vars, secret, become,
        gather == null || gather, List.of(), taskList, map, handlers, roles.exposed(), batching(map),
        TaskReader.reach(given));
    return new Draft(play, needs, map.keySpan("name"), named);
  }

  /** {@code serial}, {@code max_fail_percentage}, {@code any_errors_fatal} and {@code strategy}. */
  private Batching batching(YMap map) {
    List<Object> serial = new ArrayList<>();
    map.get("serial").ifPresent(v -> {
      List<YNode> items = v instanceof YSeq seq ? seq.items() : List.of(v);
      for (YNode item : items) {
        Object size = item instanceof YScalar s && !s.isNull() ? s.toPlain() : null;
        if (size instanceof Long n && n >= 0 || size instanceof String t && t.strip().matches("\\d+(\\.\\d+)?%")) {
          serial.add(size);
        } else {
          out.error(item.span(), "`serial` must be a number of hosts, a percentage such as `30%`, or a list of them",
              Keywords.templated(item) ? "templates are not allowed in `serial`" : "write `serial: 2`, `serial: 30%` or `serial: [1, 5, 50%]`");
        }
      }
    });
    Integer maxFail = map.get("max_fail_percentage").map(v -> {
      Object n = v instanceof YScalar s ? s.toPlain() : null;
      if (n instanceof Long l && l >= 0 && l <= 100) {
        return l.intValue();
      }
      if (n instanceof Double d && d >= 0 && d <= 100) {
        return (int) Math.floor(d);
      }
      out.error(v.span(), "`max_fail_percentage` must be a number from 0 to 100", "write `max_fail_percentage: 30`");
      return null;
    }).orElse(null);
    boolean fatal = map.get("any_errors_fatal").map(v -> keywords.bool("any_errors_fatal", v)).orElse(false)
        == Boolean.TRUE;
    String strategy = map.get("strategy").map(v -> keywords.string("strategy", v)).orElse("free");
    if (strategy != null && !strategy.equals("free") && !strategy.equals("linear")) {
      out.error(map.get("strategy").get().span(), "the strategy `" + strategy + "` is not supported yet",
          "write `strategy: linear` or `strategy: free`");
    }
    String order = map.get("order").map(v -> keywords.string("order", v)).map(String::strip).orElse(null);
    if (order != null && !Batching.ORDERS.contains(order)) {
      out.error(map.get("order").get().span(), "unknown host order `" + order + "`",
          "write one of: " + String.join(", ", Batching.ORDERS));
      order = null;
    }
    return new Batching(serial, maxFail, fatal, "linear".equals(strategy), order);
  }

  /** The flush of the handlers Ansible adds between a play's sections ({@code meta: flush_handlers}). */
  private static final Task FLUSH = Task.builder().module(Task.META, null).args("flush_handlers", null).build();

  private String hosts(YMap map) {
    YNode node = map.entries().get("hosts");
    if (node == null) {
      out.error(map.span(), "this play has no `hosts`", "add `hosts: all`, or a group or host name");
      return null;
    }
    if (node instanceof YSeq seq) {
      // Ansible accepts a list of patterns: it is their union.
      List<String> parts = keywords.strings("hosts", seq, false);
      return parts.isEmpty() ? empty(node) : String.join(":", parts);
    }
    String hosts = node instanceof YScalar s && !s.isNull() ? s.text().trim() : null;
    if (hosts == null && !(node instanceof YScalar)) {
      out.error(node.span(), "`hosts` must be a host pattern, not " + node.kind(), "write `hosts: all`, a group or a host");
      return null;
    }
    return hosts == null || hosts.isEmpty() ? empty(node) : hosts;
  }

  private String empty(YNode node) {
    out.error(node.span(), "`hosts` is empty", "write `hosts: all`, a group or a host");
    return null;
  }

  private NeedsGraph.Written needs(String play, YMap map) {
    YNode node = map.entries().get("needs");
    if (node == null) {
      return new NeedsGraph.Written(play, null, List.of(), null);
    }
    List<String> names = new ArrayList<>();
    List<SourceSpan> spans = new ArrayList<>();
    if (node instanceof YScalar s && !s.isNull()) {
      names.add(s.text());
      spans.add(s.span());
    } else if (node instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        if (item instanceof YScalar s && !s.isNull()) {
          names.add(s.text());
          spans.add(s.span());
        } else {
          out.error(item.span(), "each item of `needs` must be a play name, not " + item.kind(), null);
        }
      }
    } else if (node instanceof YScalar) {
      out.error(node.span(), "`needs` has no value", "write `needs: []` to start at once, or list play names");
    } else {
      out.error(node.span(), "`needs` must be a list of play names, not " + node.kind(),
          "write `needs: [other play]`, or `needs: []` to start at once");
    }
    return new NeedsGraph.Written(play, names, spans, map.keySpan("needs"));
  }
}
