package dev.provision.modules.command;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.OutputTail;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@code command} or {@code shell} task and returns Ansible's result keys: {@code cmd},
 * {@code rc}, {@code stdout}, {@code stderr} (trailing newlines removed), {@code stdout_lines},
 * {@code stderr_lines}. A non-zero exit fails the task, with that data still registered. {@code program}:
 * for {@code command}, the program it runs, whose absence is reported as Ansible reports it (rc 2,
 * "[Errno 2] No such file or directory"); null for {@code shell}.
 */
record CommandAction(String script, Object cmd, Map<String, String> env, byte[] stdin, String display, String program)
    implements Action {

  @Override
  public String describe() {
    return "run " + display;
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
    Command command = Command.of(script).withBecome(host.become()).withTimeout(host.timeout()).withEnv(env);
    if (stdin != null) {
      command = command.withStdin(stdin);
    }
    CommandResult result = host.connection().run(command);
    String stderr = trim(result.stderr());
    String missing = missingProgram(result.exitCode(), stderr);
    if (missing != null) {
      // as Ansible's command module, which runs the program itself: Python's words for a missing file
      throw new ModuleException("[Errno 2] No such file or directory: b'" + missing + "'", data(cmd, 2, "", ""));
    }
    Map<String, Object> data = data(cmd, result.exitCode(), trim(result.stdout()), stderr);
    String cut = cut(result);
    if (!cut.isEmpty()) {
      data.put("stdout_dropped_bytes", result.stdoutDropped());
      data.put("stderr_dropped_bytes", result.stderrDropped());
    }
    if (!result.succeeded()) {
      throw new ModuleException(display + " failed with return code " + result.exitCode()
          + (result.failureText().isEmpty() ? "" : ": " + result.failureText()) + cut, data);
    }
    return data;
  }

  /** The shell's "not found" (exit 127) for the program of {@code cmd}: its name, else null. */
  private String missingProgram(int rc, String stderr) {
    if (rc != 127 || program == null) {
      return null;
    }
    java.util.regex.Matcher m = NOT_FOUND.matcher(stderr);
    return m.matches() ? m.group(1) : null;
  }

  /** dash's and bash's words for a program that is not there (the program as the shell expanded it). */
  private static final java.util.regex.Pattern NOT_FOUND = java.util.regex.Pattern.compile(
      "(?:[^\\n]*?: )?(?:line )?(?:\\d+: )?([^\\n:]+): (?:command not found|not found|No such file or directory)");

  static Map<String, Object> data(Object cmd, int rc, String stdout, String stderr) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("cmd", cmd);
    data.put("rc", (long) rc);
    data.put("stdout", stdout);
    data.put("stderr", stderr);
    data.put("stdout_lines", lines(stdout));
    data.put("stderr_lines", lines(stderr));
    return data;
  }

  /** Says how much of the output was dropped (only its tail is kept), or "". */
  private static String cut(CommandResult result) {
    if (!result.truncated()) {
      return "";
    }
    return " (output cut: only the last " + (OutputTail.limit() >> 10) + " KiB of each stream kept; "
        + result.stdoutDropped() + " bytes of stdout and " + result.stderrDropped() + " of stderr dropped before"
        + " them; " + OutputTail.ENV + " sets the limit)";
  }

  private static String trim(String text) {
    String s = text == null ? "" : text;
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\r?\n", -1));
  }
}
