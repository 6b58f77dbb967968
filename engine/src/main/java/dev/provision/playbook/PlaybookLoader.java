package dev.provision.playbook;

import dev.provision.diag.DiagnosticsException;
import dev.provision.module.ModuleRegistry;
import java.nio.file.Path;

/**
 * Parses a playbook file with snakeyaml-engine into {@link Playbook}, collecting every problem
 * (YAML syntax, shape, unknown keywords and modules, module parameters, template syntax, needs
 * cycles) before returning. TODO(playbook): implementation.
 */
public final class PlaybookLoader {

  private final ModuleRegistry modules;

  public PlaybookLoader(ModuleRegistry modules) {
    this.modules = modules;
  }

  public Playbook load(Path file) throws DiagnosticsException {
    throw new UnsupportedOperationException("playbook loading is not implemented yet (" + modules.names() + ")");
  }
}
