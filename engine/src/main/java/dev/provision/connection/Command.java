package dev.provision.connection;

import java.time.Duration;
import java.util.Map;

/**
 * A shell command for a host. {@code script} is shell text: quote every argument that comes from
 * input with {@link Shell#quote}. {@code stdin} (may be null) is written to the process and closed,
 * which is how files are uploaded. {@code timeout} null means no limit.
 */
public record Command(
    String script, byte[] stdin, Duration timeout, boolean become, Map<String, String> env, String chdir) {

  public Command {
    env = env == null ? Map.of() : Map.copyOf(env);
  }

  public static Command of(String script) {
    return new Command(script, null, null, false, Map.of(), null);
  }

  public Command withStdin(byte[] input) {
    return new Command(script, input, timeout, become, env, chdir);
  }

  public Command withTimeout(Duration limit) {
    return new Command(script, stdin, limit, become, env, chdir);
  }

  public Command withBecome(boolean root) {
    return new Command(script, stdin, timeout, root, env, chdir);
  }

  public Command withEnv(Map<String, String> variables) {
    return new Command(script, stdin, timeout, become, variables, chdir);
  }

  public Command withChdir(String directory) {
    return new Command(script, stdin, timeout, become, env, directory);
  }

  @Override
  public String toString() {
    return "Command[" + script + (become ? ", become" : "") + "]";
  }
}
