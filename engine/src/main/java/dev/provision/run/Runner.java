package dev.provision.run;

import dev.provision.connection.ConnectionFactory;
import dev.provision.diag.DiagnosticsException;
import dev.provision.event.EventSink;
import dev.provision.event.Recap;
import dev.provision.inventory.Inventory;
import dev.provision.module.ModuleRegistry;
import dev.provision.playbook.Playbook;
import dev.provision.template.Templates;

/**
 * Runs a playbook over an inventory: compiles the (task, host) graph and walks it in plan or
 * apply mode. TODO(run): implementation.
 */
public final class Runner {

  private final ModuleRegistry modules;
  private final Templates templates;
  private final ConnectionFactory connections;
  private final EventSink events;

  public Runner(ModuleRegistry modules, Templates templates, ConnectionFactory connections, EventSink events) {
    this.modules = modules;
    this.templates = templates;
    this.connections = connections;
    this.events = events;
  }

  /** Walks the whole graph; invalid host patterns or variables are reported before any host is touched. */
  public Recap run(Playbook playbook, Inventory inventory, RunOptions options) throws DiagnosticsException {
    throw new UnsupportedOperationException("runner not implemented yet " + modules + templates + connections + events);
  }
}
