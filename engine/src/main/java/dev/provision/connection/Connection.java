package dev.provision.connection;

/**
 * A way to run shell commands on one host: {@code local} (commons-exec) or {@code ssh} (sshj).
 * One connection per host is opened lazily and reused by all of that host's tasks; it must be
 * safe to call from one thread at a time (the walker runs one task per host at a time).
 */
public interface Connection extends AutoCloseable {

  /** Runs {@code command.script()} with {@code sh -c} semantics and waits for it (or its timeout). */
  CommandResult run(Command command) throws ConnectionException;

  /** What this connects to, for messages: {@code root@127.0.2.1:22} or {@code local}. */
  String target();

  @Override
  void close();
}
