package dev.provision.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -i PATH}, written once for every command that reads an inventory (a picocli mixin). Without
 * it, the inventory Ansible would read: {@code ANSIBLE_INVENTORY}, then {@code inventory} in the
 * {@code [defaults]} of the ansible.cfg Ansible reads, then /etc/ansible/hosts; when there is none,
 * an empty inventory, where only the implicit localhost is available, as in Ansible.
 */
final class InventoryOption {

  /** An empty inventory: the implicit localhost only. */
  static final Path NONE = Path.of("/dev/null");

  @Option(names = {"-i", "--inventory"}, paramLabel = "PATH",
      description = "Inventory file or directory (Ansible INI or YAML, with group_vars/ and host_vars/)."
          + " Default: as Ansible (ANSIBLE_INVENTORY, ansible.cfg, /etc/ansible/hosts), else only localhost.")
  Path inventory;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** The inventory given or configured, else {@link #NONE} with a warning that says so. */
  Path require() {
    if (inventory != null) {
      return inventory;
    }
    Path configured = configured(System.getenv(), Path.of(""), Path.of(System.getProperty("user.home")));
    if (configured != null) {
      return configured;
    }
    if (command != null) {
      command.commandLine().getErr().println("provision: warning: no inventory (-i PATH, ANSIBLE_INVENTORY, ansible.cfg"
          + " or /etc/ansible/hosts): only the implicit localhost is available, as in Ansible");
    }
    return NONE;
  }

  /** Ansible's default inventory, or null when it names none that exists. */
  static Path configured(Map<String, String> env, Path workDir, Path home) {
    String fromEnv = env.get("ANSIBLE_INVENTORY");
    if (fromEnv != null && !fromEnv.isBlank()) {
      String[] paths = fromEnv.split(",");
      if (paths.length > 1) {
        throw new CliErrors.UserError("ANSIBLE_INVENTORY names " + paths.length + " inventories; several inventories"
            + " are not supported yet: give one with -i PATH");
      }
      return expand(paths[0].strip(), workDir, home);
    }
    java.util.Optional<Path> cfg = dev.provision.playbook.AnsibleConfig.file(env, workDir, home);
    if (cfg.isPresent()) {
      String value = dev.provision.playbook.AnsibleConfig.defaults(cfg.get(), "inventory");
      if (value != null && !value.isBlank()) {
        return expand(value.split(",")[0].strip(), cfg.get().toAbsolutePath().getParent(), home);
      }
    }
    Path etc = Path.of("/etc/ansible/hosts");
    return Files.exists(etc) ? etc : null;
  }

  private static Path expand(String path, Path relativeTo, Path home) {
    Path p = path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
    return p.isAbsolute() ? p : relativeTo.resolve(p);
  }
}
