package dev.provision.connection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A shell command for a host. {@code script} is shell text: quote every argument that comes from
 * input with {@link Shell#quote}. {@code stdin} (may be null) is written to the process and closed,
 * which is how files are uploaded; {@code stdinFile} (may be null, never with {@code stdin}) is a
 * control-node file streamed the same way, so a large upload costs a buffer, not its size, per host.
 * {@code timeout} null means no limit.
 */
public record Command(String script, byte[] stdin, Path stdinFile, Duration timeout, boolean become,
    Map<String, String> env, String chdir, Become becomeAs) {

  public Command {
    env = env == null ? Map.of() : Map.copyOf(env);
    becomeAs = becomeAs == null ? Become.ROOT : becomeAs;
    if (stdin != null && stdinFile != null) {
      throw new IllegalArgumentException("a command takes stdin from bytes or from a file, not both");
    }
  }

  public static Command of(String script) {
    return new Command(script, null, null, null, false, Map.of(), null, Become.ROOT);
  }

  public Command withStdin(byte[] input) {
    return new Command(script, input, null, timeout, become, env, chdir, becomeAs);
  }

  /** Streams {@code file} as stdin (an upload). */
  public Command withStdinFile(Path file) {
    return new Command(script, null, file, timeout, become, env, chdir, becomeAs);
  }

  public Command withTimeout(Duration limit) {
    return new Command(script, stdin, stdinFile, limit, become, env, chdir, becomeAs);
  }

  public Command withBecome(boolean root) {
    return new Command(script, stdin, stdinFile, timeout, root, env, chdir, becomeAs);
  }

  /** Whom and how {@code become} switches to (Ansible's {@code become_user}, {@code become_method}...). */
  public Command withBecomeAs(Become how) {
    return new Command(script, stdin, stdinFile, timeout, become, env, chdir, how);
  }

  public Command withEnv(Map<String, String> variables) {
    return new Command(script, stdin, stdinFile, timeout, become, variables, chdir, becomeAs);
  }

  public Command withChdir(String directory) {
    return new Command(script, stdin, stdinFile, timeout, become, env, directory, becomeAs);
  }

  /** True when the command reads stdin of its own (bytes or a file). */
  public boolean hasStdin() {
    return stdin != null || stdinFile != null;
  }

  @Override
  public String toString() {
    return "Command[" + script + (become ? ", become" + (becomeAs.equals(Become.ROOT) ? "" : " " + becomeAs) : "") + "]";
  }
}
