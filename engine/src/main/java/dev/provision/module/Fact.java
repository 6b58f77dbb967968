package dev.provision.module;

import dev.provision.connection.CommandResult;

/**
 * Something read from a host with one read-only command. Results are memoised per host by
 * {@link #key()} and forgotten after a change on that host. Fixture tests supply the command's
 * output under the same key, so {@link #parse} is tested too.
 */
public interface Fact<T> {

  /** Unique per fact and argument, e.g. {@code rpm.packages} or {@code file.stat:/etc/hosts}. */
  String key();

  /** A read-only shell command. */
  String command();

  T parse(CommandResult result) throws ModuleException;
}
