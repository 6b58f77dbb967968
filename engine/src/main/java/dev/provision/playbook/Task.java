package dev.provision.playbook;

import dev.provision.diag.SourceSpan;
import dev.provision.yaml.FlowYaml;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One task: a module call and its keywords. {@code args} are plain values that may hold templates
 * (rendered per host at run time); {@code argsNode} keeps the spans. {@code when}, {@code until},
 * {@code changedWhen} and {@code failedWhen} are bare Jinja expressions (no braces), or null.
 * {@code retries} is 0 when no retry is wanted; with {@code until} and no retries it is 3 (Ansible).
 * {@code checkMode} false (Ansible's {@code check_mode: false}) runs the task for real in plan mode
 * too: for read-only commands whose output later tasks need; null or true is the normal behaviour.
 * {@code node} is the task as written (with spans), for checks that point into it; null for tasks
 * built in code. {@code loop} is null for a task that runs once per host. {@code notifies} ({@code notify}) names the
 * handlers (or topics) a change of this task triggers; {@code listen} is a handler's extra topics.
 */
public record Task(
    String name,
    SourceSpan span,
    String module,
    SourceSpan moduleSpan,
    Object args,
    YNode argsNode,
    Map<String, Object> vars,
    String register,
    String when,
    String until,
    int retries,
    Duration delay,
    Duration timeout,
    List<String> tags,
    boolean ignoreErrors,
    boolean noLog,
    Boolean become,
    String changedWhen,
    String failedWhen,
    Boolean checkMode,
    YMap node,
    TaskLoop loop,
    List<String> notifies,
    List<String> listen) {

  /** A task built in code, without its source node. */
  public Task(String name, SourceSpan span, String module, SourceSpan moduleSpan, Object args, YNode argsNode,
      Map<String, Object> vars, String register, String when, String until, int retries, Duration delay,
      Duration timeout, List<String> tags, boolean ignoreErrors, boolean noLog, Boolean become,
      String changedWhen, String failedWhen) {
    this(name, span, module, moduleSpan, args, argsNode, vars, register, when, until, retries, delay, timeout,
        tags, ignoreErrors, noLog, become, changedWhen, failedWhen, null, null, null, List.of(), List.of());
  }

  /** The same task with a loop (tasks built in code). */
  public Task withLoop(TaskLoop value) {
    return new Task(name, span, module, moduleSpan, args, argsNode, vars, register, when, until, retries, delay,
        timeout, tags, ignoreErrors, noLog, become, changedWhen, failedWhen, checkMode, node, value, notifies, listen);
  }

  /** The same task notifying handlers (tasks built in code). */
  public Task notifying(List<String> handlers) {
    return new Task(name, span, module, moduleSpan, args, argsNode, vars, register, when, until, retries, delay,
        timeout, tags, ignoreErrors, noLog, become, changedWhen, failedWhen, checkMode, node, loop, handlers, listen);
  }

  /** Whether this handler runs when {@code notified} names it or one of the topics it listens to. */
  public boolean answers(java.util.Collection<String> notified) {
    return name != null && notified.contains(name) || listen.stream().anyMatch(notified::contains);
  }

  public Task {
    vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    tags = List.copyOf(tags);
    notifies = notifies == null ? List.of() : List.copyOf(notifies);
    listen = listen == null ? List.of() : List.copyOf(listen);
  }

  /** True when the task runs its actions even in plan mode ({@code check_mode: false}). */
  public boolean runsInPlan() {
    return Boolean.FALSE.equals(checkMode);
  }

  /**
   * The name shown in output: the task's name as written, or the module and its arguments as one
   * line of YAML ({@code debug: {msg: "kernel {{ k }}"}}), shortened; no_log: the module alone.
   */
  public String displayName() {
    if (name != null && !name.isBlank()) {
      return name;
    }
    if (noLog) {
      return module; // the arguments of a no_log task are hidden like its output
    }
    String a = args == null ? "" : FlowYaml.write(args);
    if (a.codePointCount(0, a.length()) > DEFAULT_NAME_LENGTH) {
      a = a.substring(0, a.offsetByCodePoints(0, DEFAULT_NAME_LENGTH - 1)) + "…";
    }
    return a.isEmpty() ? module : module + ": " + a;
  }

  /** A name made from the arguments is a label, not the task's text: long scripts are shortened. */
  private static final int DEFAULT_NAME_LENGTH = 72;
}
