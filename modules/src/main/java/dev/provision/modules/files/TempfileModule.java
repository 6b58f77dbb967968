package dev.provision.modules.files;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.Shell;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tempfile}: a new temporary file or directory with {@code mktemp}, as Ansible's (Python's
 * mkstemp/mkdtemp: PREFIX, eight random characters, SUFFIX; mode 0600 or 0700). Like Ansible's, every
 * run makes a new one and is a change; a plan cannot know the name, so what it registers is known
 * after apply.
 */
public final class TempfileModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Creates a new temporary file or directory (mktemp) and registers its path; a change on every run, as in Ansible.")
      .note("The name is PREFIX, eight random characters and SUFFIX, in path or else the host's $TMPDIR or /tmp; a file is made 0600, a directory 0700. A plan says what it would create; the path it registers is known after apply. Remove it with file state=absent when done.")
      .returns("path", "the path of what was created")
      .example("""
          - name: a build directory
            tempfile: {state: directory, suffix: build}
            register: build_dir
          """)
      .param(Param.string("state").choices("file", "directory").defaultsTo("file").describedAs("a file or a directory"))
      .param(Param.string("path").describedAs("the directory to create it in (default: $TMPDIR or /tmp)"))
      .param(Param.string("prefix").defaultsTo("ansible.").describedAs("the start of its name"))
      .param(Param.string("suffix").defaultsTo("").describedAs("the end of its name"))
      .build();

  @Override
  public String name() {
    return "tempfile";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("tempfile");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    boolean directory = params.stringOr("state", "file").equals("directory");
    String prefix = params.stringOr("prefix", "ansible.");
    String suffix = params.stringOr("suffix", "");
    for (String[] part : new String[][] {{"prefix", prefix}, {"suffix", suffix}}) {
      if (part[1].contains("/") || part[1].indexOf('\0') >= 0 || part[1].indexOf('\n') >= 0) {
        throw new ModuleException("`" + part[0] + "` `" + part[1] + "` holds a / or a control character; put directories in `path`");
      }
    }
    RemotePath dir = params.has("path") ? RemotePath.of("path", params.string("path")) : null;
    StringBuilder cmd = new StringBuilder("mktemp ").append(directory ? "-d " : "")
        .append(dir == null ? "--tmpdir" : "--tmpdir=" + dir.shell());
    if (!suffix.isEmpty()) {
      cmd.append(" --suffix=").append(Shell.quote(suffix));
    }
    // Python's eight random characters; mktemp fills the trailing run of X
    cmd.append(" -- ").append(Shell.quote(prefix + "XXXXXXXX"));
    String what = (directory ? "a temporary directory " : "a temporary file ") + prefix + "*" + suffix + " in "
        + (dir == null ? "$TMPDIR or /tmp" : dir.text());
    return Plan.change("create " + what, new Created(cmd.toString(), what));
  }

  /** Runs mktemp and registers the path it printed. */
  record Created(String command, String what) implements Action {

    @Override
    public String describe() {
      return "create " + what + ": " + command;
    }

    @Override
    public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
      CommandResult result = host.connection().run(Command.of(command).withBecome(host.become()).withTimeout(host.timeout()));
      if (!result.succeeded()) {
        throw new ModuleException("cannot create " + what + ": " + result.failureText());
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("path", result.stdout().strip());
      return data;
    }

    @Override
    public String appliedMessage(Map<String, Object> applied) {
      return "created " + applied.get("path");
    }
  }
}
