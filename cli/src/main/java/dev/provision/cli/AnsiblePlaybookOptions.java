package dev.provision.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ansible-playbook's options that Provision does not take, each with what to do instead: a user who
 * pastes an Ansible command line learns "not supported yet" and the way round, never "unknown option".
 * The ones Provision does take ({@code -i -e -l -t --skip-tags -f -C -D --syntax-check -u -c -T
 * --private-key --vault-* -b --become-user
 * --become-method}) are options of their own.
 */
final class AnsiblePlaybookOptions {

  private static final String LIST = "`provision graph PLAYBOOK -i INVENTORY --view plays` draws the tasks per play "
      + "and host; `provision inventory -i INVENTORY --list` lists the hosts";

  private static final Map<String, String> NOT_YET = Map.ofEntries(
      Map.entry("--step", "Provision does not ask before each task: `--plan` shows every change first"),
      Map.entry("--start-at-task", "use --tags, or run it all: tasks already done report ok and change nothing"),
      Map.entry("-K", "give the sudo password with --sudo-password-file FILE or PROVISION_SUDO_PASSWORD"),
      Map.entry("--ask-become-pass", "give the sudo password with --sudo-password-file FILE or PROVISION_SUDO_PASSWORD"),
      Map.entry("--become-password-file", "use --sudo-password-file FILE"),
      Map.entry("-k", "SSH password login is not supported yet: use a key (--private-key, ansible_ssh_private_key_file)"),
      Map.entry("--ask-pass", "SSH password login is not supported yet: use a key (--private-key, ansible_ssh_private_key_file)"),
      Map.entry("--connection-password-file", "SSH password login is not supported yet: use a key (--private-key)"),
      Map.entry("--list-hosts", LIST),
      Map.entry("--list-tasks", LIST),
      Map.entry("--list-tags", "`provision graph PLAYBOOK -i INVENTORY --view plays` shows the tasks; --tags selects them"),
      Map.entry("--flush-cache", "Provision keeps no fact cache (facts are gathered on every run): drop the option"),
      Map.entry("--force-handlers", "handlers of a failed host do not run yet"),
      Map.entry("-M", "Provision's modules are built in (`provision doc` lists them)"),
      Map.entry("--module-path", "Provision's modules are built in (`provision doc` lists them)"),
      Map.entry("--ssh-common-args", "Provision's SSH client is built in: set hosts, ports, users and keys in the inventory"),
      Map.entry("--ssh-extra-args", "Provision's SSH client is built in: set hosts, ports, users and keys in the inventory"),
      Map.entry("--scp-extra-args", "Provision's SSH client is built in: set hosts, ports, users and keys in the inventory"),
      Map.entry("--sftp-extra-args", "Provision's SSH client is built in: set hosts, ports, users and keys in the inventory"));

  private AnsiblePlaybookOptions() {}

  /** The message for the first ansible-playbook option among {@code unmatched} that Provision lacks. */
  static Optional<String> notSupported(List<String> unmatched) {
    for (String arg : unmatched) {
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String instead = NOT_YET.get(option);
      if (instead != null) {
        return Optional.of("`" + option + "` (an ansible-playbook option) is not supported yet: " + instead);
      }
    }
    return Optional.empty();
  }
}
