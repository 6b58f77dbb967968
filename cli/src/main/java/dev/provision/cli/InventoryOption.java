package dev.provision.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -i PATH}, written once for every command that reads an inventory (a picocli mixin). */
final class InventoryOption {

  @Option(names = {"-i", "--inventory"}, paramLabel = "PATH",
      description = "Inventory file or directory (Ansible INI or YAML, with group_vars/ and host_vars/).")
  Path inventory;

  /** The inventory, or a clear error when -i is missing. */
  Path require() {
    if (inventory == null) {
      throw new CliErrors.UserError("no inventory: add -i PATH (a file or directory, e.g. -i inventory/home)");
    }
    return inventory;
  }
}
