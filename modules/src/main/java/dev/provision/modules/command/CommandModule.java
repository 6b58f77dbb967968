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
          .summary("Runs a program with arguments, without a shell: no pipes, redirections or substitutions.")
          .note("Every word is quoted, and the program name is never read as a shell keyword or as VAR=value;"
              + " as in Ansible, `~` and `$VAR`/`${VAR}` in a word are expanded on the host (an unset variable"
              + " stays as written), and a program that is not there fails with rc 2 and \"[Errno 2] No such"
              + " file or directory: b'PROG'\". A command is a change unless `creates` or `removes` say it is not needed; use `changed_when:"
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
  public List<String> aliases() {
    return Module.ansibleBuiltin(name());
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
    return CommandPlanner.plan(host, CommandOptions.of(params), script(argv), cmd, "`" + line + "`",
        argv.get(0));
  }

  private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$(\\w+|\\{[^}]*\\})");

  /**
   * The script that runs {@code argv}: the command line, where each word that has a {@code ~} or a
   * {@code $VAR}/{@code ${VAR}} is expanded on the host as Ansible's command module expands it
   * (Python's expanduser and expandvars: an unset variable stays as written; {@code $(...)} is text).
   */
  static String script(List<String> argv) {
    List<String> words = new java.util.ArrayList<>();
    words.add(commandLine(argv.subList(0, 1)));
    argv.subList(1, argv.size()).forEach(w -> words.add(Shell.quote(w)));
    for (int i = 0; i < argv.size(); i++) {
      String w = argv.get(i);
      if (w.equals("~") || w.startsWith("~/") || VARIABLE.matcher(w).find()) {
        words.set(i, expanded(w));
      }
    }
    return String.join(" ", words);
  }

  /** One word in double quotes, with {@code ~} and variables expanded by the shell as Python expands them. */
  private static String expanded(String word) {
    StringBuilder out = new StringBuilder("\"");
    String rest = word;
    if (rest.equals("~") || rest.startsWith("~/")) {
      out.append("${HOME}");
      rest = rest.substring(1);
    }
    java.util.regex.Matcher m = VARIABLE.matcher(rest);
    int at = 0;
    while (m.find()) {
      out.append(literal(rest.substring(at, m.start())));
      String name = m.group(1).startsWith("{") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
      if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        out.append("${").append(name).append("-").append(literal(m.group()).replace("}", "\\}")).append("}");
      } else {
        out.append(literal(m.group()));
      }
      at = m.end();
    }
    return out.append(literal(rest.substring(at))).append('"').toString();
  }

  /** Text inside double quotes, taken as it is. */
  private static String literal(String text) {
    return text.replaceAll("([\"\\\\$`])", "\\\\$1");
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
