package dev.provision.modules.command;

import dev.provision.connection.ConnectionException;
import dev.provision.connection.Shell;
import dev.provision.connection.Shlex;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.files.LocalSource;
import dev.provision.modules.files.RemotePath;
import java.util.List;
import java.util.Map;

/**
 * {@code script}: a control-node script sent to the host and run there, as Ansible's script action:
 * the first word of the free form is the local file (looked up in files/ as {@code copy} does), the
 * rest its arguments, kept as written (shell text, as in Ansible). The script travels on standard
 * input into a private temporary directory that is removed when it ends, never on a command line.
 */
public final class ScriptModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Sends a local script to the host and runs it there with its arguments; a change unless creates or removes say it is not needed.")
      .note("The script is looked up as copy's src (role files/, playbook files/, playbook directory), written on its standard input into a 0700 temporary directory under $TMPDIR or /tmp with its own name, made executable and run (through executable when given, e.g. python3), then removed. The arguments after the script's name are shell text, as in Ansible. chdir must be absolute; creates and removes are checked on the host first (the task is then ok, where Ansible reports it skipped). A non-zero exit fails the task with rc, stdout and stderr registered.")
      .example("""
          - name: prepare the disks
            script: files/prepare-disks.sh --yes
            args:
              creates: /var/lib/disks.done
            become: true
          """)
      .param(Param.string("cmd").required().describedAs("the local script's path, then its arguments"))
      .param(Param.string("creates").describedAs("skip when this path exists on the host"))
      .param(Param.string("removes").describedAs("skip unless this path exists on the host"))
      .param(Param.string("chdir").describedAs("run in this host directory (absolute)"))
      .param(Param.string("executable").describedAs("the program that runs the script (python3, bash); default: the script's own #! line"))
      .param(Param.bool("decrypt").defaultsTo(true).describedAs("accepted for Ansible playbooks; vaulted scripts are not supported yet"))
      .returns("rc", "the exit code")
      .returns("stdout", "what it printed")
      .returns("stderr", "what it printed on stderr")
      .returns("stdout_lines", "stdout as a list of lines")
      .returns("stderr_lines", "stderr as a list of lines")
      .freeForm("cmd")
      .build();

  @Override
  public String name() {
    return "script";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("script");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String raw = params.string("cmd").strip();
    List<String> words;
    try {
      words = Shlex.split(raw);
    } catch (IllegalArgumentException e) {
      throw new ModuleException("script `" + raw + "`: " + e.getMessage());
    }
    if (words.isEmpty()) {
      throw new ModuleException("no script given");
    }
    if (params.has("chdir") && !params.string("chdir").startsWith("/")) {
      throw new ModuleException("chdir " + params.string("chdir") + " must be an absolute path for a Unix-aware remote node");
    }
    String source = words.get(0);
    LocalSource script = LocalSource.read("script", source, host.vars(), "files");
    String name = script.name();
    String rest = arguments(raw, source);
    String run = "\"$d\"/" + Shell.quote(name) + rest;
    String body = "d=$(mktemp -d \"${TMPDIR:-/tmp}/provision-script.XXXXXXXX\") || exit 1\n"
        + "trap 'rm -rf -- \"$d\"' EXIT\n"
        + "cat > \"$d\"/" + Shell.quote(name) + " && chmod 700 \"$d\"/" + Shell.quote(name) + " || exit 1\n"
        + params.optString("executable").map(e -> e + " ").orElse("") + run + "\n";
    CommandOptions options = new CommandOptions(params.has("chdir") ? RemotePath.of("chdir", params.string("chdir")) : null,
        Map.of(), path(params, "creates"), path(params, "removes"), script.bytes());
    return CommandPlanner.plan(host, options, body, raw, "script " + CommandPlanner.display(raw), null);
  }

  /** What follows the script's name, as written (Ansible keeps the arguments' own quoting). */
  private static String arguments(String raw, String first) {
    if (raw.startsWith(first)) {
      return raw.substring(first.length());
    }
    char quote = raw.charAt(0);
    int close = raw.indexOf(quote, 1);
    return (quote == '\'' || quote == '"') && close > 0 ? raw.substring(close + 1) : raw.substring(raw.indexOf(first) + first.length());
  }

  private static RemotePath path(Params params, String name) throws ModuleException {
    return params.has(name) ? RemotePath.of(name, params.string(name)) : null;
  }
}
