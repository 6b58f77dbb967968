package dev.provision.inventory;

import dev.provision.diag.DiagnosticsException;
import java.nio.file.Path;

/**
 * Loads an Ansible inventory: a YAML or INI file, or a directory of them, with group_vars/ and
 * host_vars/ beside it. TODO(inventory): implementation.
 */
public final class InventoryLoader {

  public Inventory load(Path path) throws DiagnosticsException {
    throw new UnsupportedOperationException("inventory loading is not implemented yet");
  }
}
