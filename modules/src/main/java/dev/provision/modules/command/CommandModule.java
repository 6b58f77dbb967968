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
import java.util.List;
import java.util.Set;

/**
 * {@code command}: runs a program with arguments and no shell features. The free-form string is
 * split like Python's shlex ({@code command: ls -l '/my dir'}), or {@code argv:} gives the words.
 * Every word is quoted, and the program name is never read as a keyword or an assignment.
 */
public final class CommandModule implements Module {

  private static final Set<String> RESERVED = Set.of("!", "{", "}", "case", "do", "done", "elif", "else", "esac",
      "fi", "for", "if", "in", "then", "until", "while", "function", "select", "[[", "]]", "time");

  private static final ParamSchema SCHEMA = CommandOptions.declare(ParamSchema.builder()
          .summary("Runs a program with arguments, without a shell: no pipes, redirections or variables.")
          .note("Every word is quoted, and the program name is never read as a shell keyword or as VAR=value. A"
              + " command is a change unless `creates` or `removes` say it is not needed; use `changed_when:"
              + " false` for read-only commands, and `check_mode: false` to run them in plans too. A non-zero"
              + " exit fails the task, with rc, stdout and stderr still registered.")
          .example("""
                  - name: kernel release
                    command: uname -r
                    register: kernel
                    changed_when: false
                    check_mode: false
                  - command:
                      argv: [tar, -xzf, /tmp/app.tgz, -C, /opt/app]
                      creates: /opt/app/bin/app
                  """)
          .param(Param.string("cmd").describedAs("the command line, split like Python's shlex.split"))
          .param(Param.list("argv").describedAs("the program and its arguments, one per item"))
          .freeForm("cmd")
          .mutuallyExclusive("cmd", "argv")
          .requiredOneOf("cmd", "argv"))
      .build();

  @Override
  public String name() {
    return "command";
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    List<String> argv = params.has("argv") ? params.strings("argv") : split(params.string("cmd"));
    if (argv.isEmpty() || argv.get(0).isEmpty()) {
      throw new ModuleException("no command given");
    }
    String line = commandLine(argv);
    Object cmd = params.has("argv") ? argv : params.string("cmd");
    return CommandPlanner.plan(host, CommandOptions.of(params), line, cmd, "`" + line + "`");
  }

  private static List<String> split(String cmd) throws ModuleException {
    try {
      return Shlex.split(cmd);
    } catch (IllegalArgumentException e) {
      throw new ModuleException("cannot split the command into words: " + e.getMessage() + " in `" + cmd + "`");
    }
  }

  /** Quoted words; the first one forced into quotes when the shell would read it specially. */
  static String commandLine(List<String> argv) {
    String program = argv.get(0);
    String first = Shell.quote(program);
    if (first.equals(program) && (program.contains("=") || RESERVED.contains(program))) {
      first = "'" + program + "'";
    }
    List<String> rest = argv.subList(1, argv.size());
    return rest.isEmpty() ? first : first + " " + Shell.join(rest);
  }
}
