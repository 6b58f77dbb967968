package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import dev.provision.module.Module;
import dev.provision.module.ModuleRegistry;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
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
      "tags", "ignore_errors", "no_log", "become", "vars", "changed_when", "failed_when", "check_mode");
  private static final Set<String> UNSUPPORTED_LOOPS = Set.of("loop", "with_items", "with_dict", "with_list",
      "loop_control");
  /** Ansible's default delay between {@code until} retries. */
  static final Duration DEFAULT_DELAY = Duration.ofSeconds(5);

  private final ModuleRegistry modules;
  private final Diagnostics out;
  private final Keywords keywords;

  TaskReader(ModuleRegistry modules, Diagnostics out) {
    this.modules = modules;
    this.out = out;
    this.keywords = new Keywords(out);
  }

  Task read(YNode node) {
    if (!(node instanceof YMap map)) {
      out.error(node.span(), "a task must be a mapping, not " + node.kind(),
          "write a task as `- name: ...` followed by one module, such as `command: uname -r`");
      return null;
    }
    String module = findModule(map);
    Draft b = new Draft();
    b.span = map.span();
    b.node = map;
    for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
      keyword(b, e.getKey(), e.getValue());
    }
    if (b.until != null && b.retries == null) {
      b.retries = 3;
    }
    if (module == null) {
      return null;
    }
    Module m = modules.find(module).orElseThrow();
    YNode args = map.entries().get(module);
    out.addAll(m.schema().check(module, args, map.keySpan(module)));
    b.module = module;
    b.moduleSpan = map.keySpan(module);
    b.argsNode = args;
    b.args = args == null ? null : args.toPlain();
    return b.build();
  }

  /** The one module key of the task, or null after reporting zero, two or unknown modules. */
  private String findModule(YMap map) {
    List<String> found = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String key : map.keySet()) {
      if (KEYWORDS.contains(key)) {
        continue;
      }
      if (modules.find(key).isPresent()) {
        found.add(key);
      } else {
        unknown.add(key);
      }
    }
    for (String key : unknown) {
      SourceSpan where = map.keySpan(key);
      String keywordHint = Suggestions.didYouMean(key, KEYWORDS);
      String moduleHint = Suggestions.didYouMean(key, modules.names());
      if (UNSUPPORTED_LOOPS.contains(key)) {
        out.error(where, "`" + key + "` is not supported", "write one task per item, or pass a list to the module");
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

  private void keyword(Draft b, String key, YNode value) {
    switch (key) {
      case "name" -> b.name = keywords.string(key, value);
      case "register" -> {
        b.register = keywords.string(key, value);
        if (b.register != null && Keywords.RESERVED.contains(b.register)) {
          out.error(value.span(), "`" + b.register + "` is a reserved word in templates", "choose another name");
        } else if (b.register != null && !Keywords.IDENTIFIER.matcher(b.register).matches()) {
          out.error(value.span(), "`" + b.register + "` is not a valid variable name for `register`",
              "use letters, digits and underscores, starting with a letter or underscore");
        }
      }
      case "when" -> b.when = keywords.condition(key, value);
      case "until" -> b.until = keywords.condition(key, value);
      case "changed_when" -> b.changedWhen = keywords.condition(key, value);
      case "failed_when" -> b.failedWhen = keywords.condition(key, value);
      case "retries" -> b.retries = keywords.count(key, value);
      case "delay" -> b.delay = keywords.duration(key, value);
      case "timeout" -> b.timeout = keywords.duration(key, value);
      case "tags" -> b.tags = keywords.strings(key, value, true);
      case "ignore_errors" -> b.ignoreErrors = Boolean.TRUE.equals(keywords.bool(key, value));
      case "no_log" -> b.noLog = Boolean.TRUE.equals(keywords.bool(key, value));
      case "become" -> b.become = keywords.bool(key, value);
      case "check_mode" -> b.checkMode = keywords.bool(key, value);
      case "vars" -> b.vars = keywords.vars(key, value);
      default -> { } // the module key
    }
  }

  /** The task's fields while they are read. */
  private static final class Draft {
    String name;
    SourceSpan span;
    String module;
    SourceSpan moduleSpan;
    Object args;
    YNode argsNode;
    Map<String, Object> vars = Map.of();
    String register;
    String when;
    String until;
    Integer retries;
    Duration delay;
    Duration timeout;
    List<String> tags = List.of();
    boolean ignoreErrors;
    boolean noLog;
    Boolean become;
    String changedWhen;
    String failedWhen;
    Boolean checkMode;
    YMap node;

    Task build() {
      return new Task(name, span, module, moduleSpan, args, argsNode, vars, register, when, until,
          retries == null ? 0 : retries, delay == null ? DEFAULT_DELAY : delay, timeout, tags, ignoreErrors, noLog,
          become, changedWhen, failedWhen, checkMode, node);
    }
  }
}
