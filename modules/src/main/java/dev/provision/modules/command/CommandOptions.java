package dev.provision.modules.command;

import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.modules.files.RemotePath;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code command} and {@code shell} share: {@code creates}, {@code removes}, {@code chdir},
 * {@code env} and {@code stdin}. {@code chdir} becomes a quoted script prefix, so the exact command
 * is visible in plans and fixtures; {@code env} goes with the command, its values on stdin (they
 * are often tokens, and a process's argv is public on the host).
 */
record CommandOptions(
    RemotePath chdir, Map<String, String> env, RemotePath creates, RemotePath removes, byte[] stdin) {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  static ParamSchema.Builder declare(ParamSchema.Builder schema) {
    return schema
        .param(Param.string("creates").describedAs("skip when this path exists"))
        .param(Param.string("removes").describedAs("skip unless this path exists"))
        .param(Param.string("chdir").describedAs("run in this directory"))
        .param(Param.map("env").describedAs("extra environment variables"))
        .param(Param.string("stdin").describedAs("text written to the command's standard input"))
        .param(Param.bool("stdin_add_newline").defaultsTo(true).describedAs("end stdin with a newline"))
        .returns("rc", "the exit code")
        .returns("stdout", "what it printed, trailing newlines removed")
        .returns("stderr", "what it printed on stderr")
        .returns("stdout_lines", "stdout as a list of lines")
        .returns("stdout_dropped_bytes", "only when the output was longer than the limit (PROVISION_MAX_OUTPUT,"
            + " 16 MiB by default): the bytes of stdout dropped before the kept tail (stderr_dropped_bytes likewise)")
        .returns("stderr_lines", "stderr as a list of lines")
        .returns("cmd", "the command as given");
  }

  static CommandOptions of(Params params) throws ModuleException {
    RemotePath chdir = params.has("chdir") ? RemotePath.of("chdir", params.string("chdir")) : null;
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : params.map("env").entrySet()) {
      if (!ENV_NAME.matcher(e.getKey()).matches()) {
        throw new ModuleException("env name `" + e.getKey() + "` is not a valid variable name");
      }
      env.put(e.getKey(), e.getValue() == null ? "" : String.valueOf(e.getValue()));
    }
    byte[] stdin = null;
    if (params.has("stdin")) {
      String text = params.string("stdin") + (params.bool("stdin_add_newline") ? "\n" : "");
      stdin = text.getBytes(StandardCharsets.UTF_8);
    }
    return new CommandOptions(chdir, env, path(params, "creates", chdir), path(params, "removes", chdir), stdin);
  }

  /** A relative creates/removes is relative to chdir, as in Ansible. */
  private static RemotePath path(Params params, String name, RemotePath chdir) throws ModuleException {
    if (!params.has(name)) {
      return null;
    }
    String text = params.string(name);
    if (chdir != null && !text.startsWith("/") && !text.startsWith("~")) {
      return RemotePath.of(name, chdir.text() + "/" + text);
    }
    return RemotePath.of(name, text);
  }

  /**
   * {@code cd DIR || exit 1; } before the command. The environment is not here: it goes with the
   * {@code Command} ({@code withEnv}), whose values the connection sends on stdin, never in argv.
   */
  String prefix() {
    return chdir == null ? "" : "cd " + chdir.shell() + " || exit 1; ";
  }
}
