package dev.provision.connection;

/**
 * A way to run shell commands on one host: {@code local} (commons-exec) or {@code ssh} (sshj).
 * One connection per host is opened lazily and reused by all of that host's tasks; it must be
 * safe to call from one thread at a time (the walker runs one task per host at a time).
 */
public interface Connection extends AutoCloseable {

  /** Runs {@code command.script()} with {@code sh -c} semantics and waits for it (or its timeout). */
  CommandResult run(Command command) throws ConnectionException;

  /**
   * Takes the host's run lock ({@link RunLock}) and holds it until {@link #close}; tells
   * {@code waiting} while another run holds it. Throws {@link ConnectionException.Kind#LOCKED}
   * when it is held and {@code lock.waitIfHeld()} is false. A local connection takes none.
   */
  default void holdRunLock(RunLock lock, java.util.function.Consumer<String> waiting) throws ConnectionException {}

  /** What this connects to, for messages: {@code root@127.0.2.1:22} or {@code local}. */
  String target();

  @Override
  void close();
}
