package dev.provision.module;

import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** What a module sees of the host it runs for, and of the run. */
public interface HostContext {

  /** The inventory name of the host. */
  String host();

  Mode mode();

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

  /** Marks a value secret: it is replaced by {@code ********} in every output from now on. */
  void secret(String value);

  /**
   * Plan mode only: whether an earlier task would change this host first, so that what a read finds
   * now (an object missing) may not be what apply will find. Always false in apply mode.
   */
  default boolean changesPending() {
    return false;
  }

  /**
   * Plan mode: the exception to throw when what the module reads depends on {@link #changesPending()
   * pending changes}; the task is reported "known after apply" with {@code reason}, not failed.
   */
  default ModuleException knownAfterApply(String reason) {
    return new ModuleException("known after apply: " + reason);
  }
}
