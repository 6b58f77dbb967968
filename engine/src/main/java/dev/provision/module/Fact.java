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

  /**
   * The output this fact very likely has on a host that was never provisioned ("absent"), with a
   * shell test that, when true, guarantees {@link #command()} would print exactly that. In apply mode the engine
   * plans against it and runs the plan's first command behind the test, in one round trip; when the
   * test fails, that round trip reads the fact instead and the task is planned again. Empty: no guess.
   */
  default java.util.Optional<Likely> likely() {
    return java.util.Optional.empty();
  }

  /**
   * What a saved plan keeps of the value it read ({@code provision apply} reads the fact again and
   * refuses the node when this differs): by default the SHA-256 of the canonical value. A fact whose
   * value holds something that changes without meaning a change (a timestamp) leaves it out here.
   */
  default String fingerprint(T value) {
    return Fingerprint.of(value);
  }

  /** What the fact is about, as a stale plan names it ("/etc/app/app.conf"): by default its key. */
  default String subject() {
    return key();
  }

  /** {@code output} is what {@code command()} prints whenever the shell {@code test} is true. */
  record Likely(String test, String output) {}
}
