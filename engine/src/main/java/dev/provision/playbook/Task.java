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
 * {@code blocks} are the {@code block}s the task is written in, outermost first (empty for most tasks);
 * {@code handler}: the task is one of the play's handlers; {@code role}: the role it is written in, or null.
 * {@code runOnce}: the task runs on the play's first
 * host that can run it, and its result is every host's ({@code run_once}); {@code delegateTo} (a template, or
 * null) names the host whose connection runs it, with this host's variables, and {@code delegateFacts} gives
 * the facts it sets to that host. {@code reach}: its {@code connection}, {@code remote_user} and {@code port},
 * its own over its blocks' and play's ({@link Reach#NONE} when none is set). {@code environment}: the
 * variables the module's commands run with, a mapping of names to values (templates) merged inner over
 * outer, or one template that gives a mapping; null when none. {@code becomeAs}: its {@code become_user},
 * {@code become_method}, {@code become_flags} and {@code become_exe}, as {@code reach} is read.
 * {@code anyErrorsFatal}: a failure of this task that no rescue takes stops the play on all its hosts;
 * {@code throttle}: how many hosts may run it at once (0: as many as the forks); {@code diff}: its
 * {@code diff} keyword, or null; {@code ignoreErrorsWhen}: an {@code ignore_errors} written as a template
 * (rendered when the task fails, its truth decides), else null. Build one with
 * {@link #builder()}.
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
    List<String> listen,
    List<BlockFrame> blocks,
    boolean handler,
    Role role,
    boolean runOnce,
    String delegateTo,
    boolean delegateFacts,
    Reach reach,
    Object environment,
    BecomeAs becomeAs,
    boolean anyErrorsFatal,
    int throttle,
    Boolean diff,
    String ignoreErrorsWhen) {

  /** The names a notification can use for this handler: its name, {@code ROLE : NAME} in a role, its topics. */
  public java.util.List<String> answersTo() {
    java.util.List<String> names = new java.util.ArrayList<>(listen);
    if (name != null) {
      names.add(name);
      if (role != null) {
        names.add(role.qualify(name));
      }
    }
    return names;
  }

  public Task {
    vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    tags = List.copyOf(tags);
    notifies = notifies == null ? List.of() : List.copyOf(notifies);
    listen = listen == null ? List.of() : List.copyOf(listen);
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
    reach = reach == null ? Reach.NONE : reach;
    becomeAs = becomeAs == null ? BecomeAs.NONE : becomeAs;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this task's fields: {@code task.toBuilder().loop(l).build()}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a task field by field; unset fields are the defaults of a task that says nothing (no
   * retries, no loop, empty lists). A new keyword is a component above, a field here, a setter, and
   * its place in {@link #build()} and the copy: callers do not change.
   */
  public static final class Builder {
    private String name;
    private SourceSpan span;
    private String module;
    private SourceSpan moduleSpan;
    private Object args;
    private YNode argsNode;
    private Map<String, Object> vars = Map.of();
    private String register;
    private String when;
    private String until;
    private int retries;
    private Duration delay;
    private Duration timeout;
    private List<String> tags = List.of();
    private boolean ignoreErrors;
    private boolean noLog;
    private Boolean become;
    private String changedWhen;
    private String failedWhen;
    private Boolean checkMode;
    private YMap node;
    private TaskLoop loop;
    private List<String> notifies = List.of();
    private List<String> listen = List.of();
    private List<BlockFrame> blocks = List.of();
    private boolean handler;
    private Role role;
    private boolean runOnce;
    private String delegateTo;
    private boolean delegateFacts;
    private Reach reach = Reach.NONE;
    private Object environment;
    private BecomeAs becomeAs = BecomeAs.NONE;
    private boolean anyErrorsFatal;
    private int throttle;
    private Boolean diff;
    private String ignoreErrorsWhen;

    private Builder() {}

    private Builder(Task t) {
      name = t.name;
      span = t.span;
      module = t.module;
      moduleSpan = t.moduleSpan;
      args = t.args;
      argsNode = t.argsNode;
      vars = t.vars;
      register = t.register;
      when = t.when;
      until = t.until;
      retries = t.retries;
      delay = t.delay;
      timeout = t.timeout;
      tags = t.tags;
      ignoreErrors = t.ignoreErrors;
      noLog = t.noLog;
      become = t.become;
      changedWhen = t.changedWhen;
      failedWhen = t.failedWhen;
      checkMode = t.checkMode;
      node = t.node;
      loop = t.loop;
      notifies = t.notifies;
      listen = t.listen;
      blocks = t.blocks;
      handler = t.handler;
      role = t.role;
      runOnce = t.runOnce;
      delegateTo = t.delegateTo;
      delegateFacts = t.delegateFacts;
      reach = t.reach;
      environment = t.environment;
      becomeAs = t.becomeAs;
      anyErrorsFatal = t.anyErrorsFatal;
      throttle = t.throttle;
      diff = t.diff;
      ignoreErrorsWhen = t.ignoreErrorsWhen;
    }

    public Task build() {
      return new Task(name, span, module, moduleSpan, args, argsNode, vars, register, when, until, retries, delay,
          timeout, tags, ignoreErrors, noLog, become, changedWhen, failedWhen, checkMode, node, loop, notifies, listen,
          blocks, handler, role, runOnce, delegateTo, delegateFacts, reach, environment, becomeAs, anyErrorsFatal,
          throttle, diff, ignoreErrorsWhen);
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder span(SourceSpan v) {
      span = v;
      return this;
    }

    /** The module's name and where it is written. */
    public Builder module(String v, SourceSpan where) {
      module = v;
      moduleSpan = where;
      return this;
    }

    /** The module's arguments as plain values, and as written (null for tasks built in code). */
    public Builder args(Object plain, YNode written) {
      args = plain;
      argsNode = written;
      return this;
    }

    public Builder vars(Map<String, Object> v) {
      vars = v;
      return this;
    }

    public Builder register(String v) {
      register = v;
      return this;
    }

    public Builder when(String v) {
      when = v;
      return this;
    }

    public Builder until(String v) {
      until = v;
      return this;
    }

    public Builder retries(int v) {
      retries = v;
      return this;
    }

    public Builder delay(Duration v) {
      delay = v;
      return this;
    }

    public Builder timeout(Duration v) {
      timeout = v;
      return this;
    }

    public Builder tags(List<String> v) {
      tags = v;
      return this;
    }

    public Builder ignoreErrors(boolean v) {
      ignoreErrors = v;
      return this;
    }

    public Builder noLog(boolean v) {
      noLog = v;
      return this;
    }

    public Builder become(Boolean v) {
      become = v;
      return this;
    }

    public Builder changedWhen(String v) {
      changedWhen = v;
      return this;
    }

    public Builder failedWhen(String v) {
      failedWhen = v;
      return this;
    }

    public Builder checkMode(Boolean v) {
      checkMode = v;
      return this;
    }

    public Builder node(YMap v) {
      node = v;
      return this;
    }

    public Builder loop(TaskLoop v) {
      loop = v;
      return this;
    }

    public Builder notifies(List<String> v) {
      notifies = v;
      return this;
    }

    public Builder listen(List<String> v) {
      listen = v;
      return this;
    }

    /** The blocks around the task, outermost first. */
    public Builder blocks(List<BlockFrame> v) {
      blocks = v;
      return this;
    }

    /** The role the task is written in, or null. */
    public Builder role(Role v) {
      role = v;
      return this;
    }

    /** One of the play's handlers, which runs when notified. */
    public Builder handler(boolean v) {
      handler = v;
      return this;
    }

    public Builder runOnce(boolean v) {
      runOnce = v;
      return this;
    }

    /** The host (a template) whose connection runs the task, or null. */
    public Builder delegateTo(String v) {
      delegateTo = v;
      return this;
    }

    public Builder delegateFacts(boolean v) {
      delegateFacts = v;
      return this;
    }

    /** The task's {@code environment}: a mapping of names to values (templates), a template, or null. */
    public Builder environment(Object v) {
      environment = v;
      return this;
    }

    /** The task's {@code become_user}, {@code become_method}, {@code become_flags} and {@code become_exe}. */
    public Builder becomeAs(BecomeAs v) {
      becomeAs = v;
      return this;
    }

    /** {@code any_errors_fatal}: the task's failure on a host (not rescued) stops the play on every host. */
    public Builder anyErrorsFatal(boolean v) {
      anyErrorsFatal = v;
      return this;
    }

    /** A templated {@code ignore_errors}, judged when the task fails; null when written as true or false. */
    public Builder ignoreErrorsWhen(String v) {
      ignoreErrorsWhen = v;
      return this;
    }

    /** {@code diff}: whether the task's diffs are reported (null: as {@code --diff} says). */
    public Builder diff(Boolean v) {
      diff = v;
      return this;
    }

    /** {@code throttle}: at most this many hosts run the task at once (0: no limit but the forks). */
    public Builder throttle(int v) {
      throttle = v;
      return this;
    }

    /** The task's {@code connection}, {@code remote_user} and {@code port}. */
    public Builder reach(Reach v) {
      reach = v;
      return this;
    }
  }

  /** The engine's own module name for Ansible's {@code meta:} actions, which no module implements. */
  public static final String META = "meta";

  /** {@code meta: ACTION} ({@code flush_handlers}, {@code end_host}...): the action, else null. */
  public String metaAction() {
    return META.equals(module) && args instanceof String action ? action : null;
  }

  /** True when the task runs its actions even in plan mode ({@code check_mode: false}). */
  public boolean runsInPlan() {
    return Boolean.FALSE.equals(checkMode);
  }

  /** True when the task never runs its actions, in an apply either ({@code check_mode: true}). */
  public boolean checkOnly() {
    return Boolean.TRUE.equals(checkMode);
  }

  /**
   * The name shown in output: the task's name as written, or the module and its arguments as one
   * line of YAML ({@code debug: {msg: "kernel {{ k }}"}}), shortened; no_log: the module alone.
   */
  public String displayName() {
    return role == null ? ownName() : role.qualify(ownName());
  }

  /** The name without the role's: as written, or made from the module and its arguments. */
  public String ownName() {
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
