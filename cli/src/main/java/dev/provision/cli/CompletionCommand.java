package dev.provision.cli;

import dev.provision.inventory.Inventory;
import dev.provision.inventory.InventoryLoader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code provision completion bash|zsh}: the shell completion script picocli generates from the
 * command line's model (subcommands, options, their values), plus host and group names for
 * {@code --limit}, read when Tab is pressed from the inventory given with {@code -i} on the same
 * line (through the hidden {@code provision completion --hosts -i INV}).
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Prints a shell completion script for bash or zsh.",
        "bash: source <(provision completion bash)   (or add that line to ~/.bashrc)",
        "zsh:  source <(provision completion zsh)    (in ~/.zshrc, after compinit)"})
final class CompletionCommand implements Callable<Integer> {

  enum Shell {
    bash,
    zsh
  }

  /** What the script's --limit branch runs; the marker is replaced in picocli's script. */
  private static final String LIMIT_BRANCH = """
          '-l'|'--limit')
            return
            ;;
      """;

  private static final String LIMIT_COMPLETION = """
          '-l'|'--limit')
            local IFS=$'\\n'
            COMPREPLY=( $(compgen -W "$(_provision_limit_candidates)" -- "${curr_word}") )
            return $?
            ;;
      """;

  /** Host and group names of the inventory given on the line being completed. */
  private static final String LIMIT_FUNCTION = """

      # Host and group names for --limit: from the inventory given with -i on the line being completed.
      function _provision_limit_candidates() {
        local i inventory=""
        for (( i = 1; i < ${#COMP_WORDS[@]}; i++ )); do
          case "${COMP_WORDS[i]}" in
            -i|--inventory) inventory="${COMP_WORDS[i+1]}" ;;
            --inventory=*) inventory="${COMP_WORDS[i]#--inventory=}" ;;
          esac
        done
        [ -n "$inventory" ] || return 0
        case "$inventory" in "~/"*) inventory="$HOME/${inventory#\\~/}" ;; esac
        "${COMP_WORDS[0]}" completion --hosts -i "$inventory" 2>/dev/null
      }
      """;

  @Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand ProvisionCommand parent;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Option(names = "--hosts", hidden = true,
      description = "Print the host and group names of the inventory given with -i, one per line (used by the script).")
  boolean hosts;

  @Mixin InventoryOption inventory;

  @Override
  public Integer call() throws Exception {
    if (hosts) {
      Inventory inv = new InventoryLoader().load(inventory.require());
      Set<String> names = new LinkedHashSet<>(inv.groups().keySet());
      names.addAll(inv.hosts().keySet());
      names.forEach(parent.out()::println);
      return 0;
    }
    if (shell == null) {
      throw new CliErrors.UserError("which shell? provision completion bash, or provision completion zsh");
    }
    parent.out().print(script(spec.root().commandLine(), shell));
    return 0;
  }

  /** picocli's script (it serves bash, and zsh through bashcompinit), with --limit completed from -i. */
  static String script(CommandLine root, Shell shell) {
    String generated = AutoComplete.bash("provision", root);
    String registration = "\ncomplete -F _complete_provision -o default provision provision.sh provision.bash";
    if (!generated.contains(LIMIT_BRANCH) || !generated.contains(registration)) {
      throw new IllegalStateException("picocli's completion script changed: no --limit branch or registration to extend");
    }
    String script = generated.replace(LIMIT_BRANCH, LIMIT_COMPLETION)
        .replace(registration, LIMIT_FUNCTION + "\ncomplete -F _complete_provision -o default provision ./provision");
    String usage = shell == Shell.bash
        ? "# Provision's bash completion. Use: source <(provision completion bash), e.g. in ~/.bashrc.\n"
        : "# Provision's zsh completion. Use: source <(provision completion zsh) in ~/.zshrc, after\n"
            + "# `autoload -U compinit && compinit` (the script turns on bashcompinit itself).\n";
    return usage + script;
  }
}
