package dev.provision.run;

import dev.provision.module.Mode;
import java.util.Map;
import java.util.Set;

/**
 * What the user asked for on the command line. {@code limit} null means all hosts; empty
 * {@code tags} means every task. {@code secretVars} names extra variables whose values must never
 * be shown (from {@code -e @secrets.yaml} or a {@code secret_vars} list).
 */
public record RunOptions(
    Mode mode,
    int forks,
    String limit,
    Set<String> tags,
    Set<String> skipTags,
    Map<String, Object> extraVars,
    Set<String> secretVars,
    boolean diff,
    boolean waitForRunLock) {

  /** Waits for a host's run lock held by another run (see {@code connection.RunLock}). */
  public RunOptions(Mode mode, int forks, String limit, Set<String> tags, Set<String> skipTags,
      Map<String, Object> extraVars, Set<String> secretVars, boolean diff) {
    this(mode, forks, limit, tags, skipTags, extraVars, secretVars, diff, true);
  }

  public RunOptions {
    tags = Set.copyOf(tags);
    skipTags = Set.copyOf(skipTags);
    extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars));
    secretVars = Set.copyOf(secretVars);
    if (forks < 1) {
      throw new IllegalArgumentException("forks must be at least 1");
    }
  }

  public static RunOptions defaults(Mode mode) {
    return new RunOptions(mode, 50, null, Set.of(), Set.of(), Map.of(), Set.of(), false);
  }
}
