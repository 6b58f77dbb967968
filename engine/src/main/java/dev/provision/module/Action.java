package dev.provision.module;

import dev.provision.connection.ConnectionException;
import java.util.Map;

/**
 * One change a plan would make. {@link #describe()} is shown by {@code --plan}; {@link #apply} makes
 * the change and returns data for {@code register} (merged into the task's result).
 */
public interface Action {

  String describe();

  Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException;
}
