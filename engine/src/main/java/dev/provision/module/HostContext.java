package dev.provision.module;

import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a module sees of the host it runs for, and of the run. Not whether the run plans or applies:
 * a module reads and says what it would do, the engine decides whether that runs (and words it). The
 * one thing a module must know about planning is {@link #changesPending()}.
 */
public interface HostContext {

  /** The inventory name of the host. */
  String host();

  /** Every variable visible to the task on this host, after precedence (read-only). */
  Map<String, Object> vars();

  /** The host's connection, opened on first use and reused. */
  Connection connection() throws ConnectionException;

  /** Runs the fact's command once per host (until something changes) and parses it. */
  <T> T fact(Fact<T> fact) throws ModuleException, ConnectionException;

  /** Whether commands of this task run through sudo. */
  boolean become();

  /** The task's {@code timeout}, or null for none. */
  Duration timeout();

  /** A live progress line for long waits ("3/5 pods ready") and downloads (bytes, rate); the reporter shows it live. */
  void progress(String message);

  /** A service shared by all tasks of the run (a Kubernetes client, a download cache), made once. */
  <S> S service(Class<S> type, Supplier<S> factory);

  /** Evaluates a bare Jinja expression with the task's variables ({@code assert}'s {@code that}). */
  Object evaluate(String expression) throws ModuleException;

  /** Evaluates a bare expression to Ansible truthiness. */
  boolean test(String expression) throws ModuleException;

  /**
   * Renders template text (a control-node file's content, say) with the task's variables, as the
   * task's arguments are rendered; in plan mode, text that reads a value known only after apply
   * stops the module with "known after apply".
   */
  String render(String template) throws ModuleException;

  /** Marks a value secret: it is replaced by {@code ********} in every output from now on. */
  void secret(String value);

  /**
   * Whether the task reports its diffs: its {@code diff} keyword (task, block, role or play), else
   * {@code --diff}; Ansible's {@code _ansible_diff}. It is not {@code ansible_diff_mode}, which is
   * {@code --diff} alone, as in Ansible.
   */
  default boolean diffMode() {
    return Boolean.TRUE.equals(vars().get("ansible_diff_mode"));
  }

  /**
   * Whether an earlier task of this run would change this host first but has not yet (a plan), so
   * that what a read finds now (an object or a directory missing) may not be what the apply will
   * find. When it is false, what the module reads is what the apply will read: a module that would
   * fail when applying must fail now. Always false when applying.
   */
  default boolean changesPending() {
    return false;
  }

  /**
   * The last write an earlier, planned and not yet made task of this run would make to {@code path}
   * on this host ({@link Action#writes}), so that a module editing that file plans on the content the
   * apply will find; empty when no earlier task of this plan writes it (and always when applying).
   */
  default java.util.Optional<PlannedWrite> plannedWrite(String path) {
    return java.util.Optional.empty();
  }

  /**
   * The exception to throw when what the module reads depends on {@link #changesPending() pending
   * changes}: the task is reported "known after apply" with {@code reason}, not failed.
   */
  default ModuleException knownAfterApply(String reason) {
    return new ModuleException("known after apply: " + reason);
  }

  /**
   * Says what the module read that is not a {@link Fact} (a Kubernetes object), before it plans on it:
   * {@code key} names the read ("kube:v1/ConfigMap/default/app"), {@code subject} is how a stale plan
   * names it, {@code fingerprint} what was seen ({@link Fingerprint#of}). A saved plan keeps it, and
   * its apply refuses the task when the same read now sees something else.
   */
  default void observed(String key, String subject, String fingerprint) throws ModuleException {
  }
}
