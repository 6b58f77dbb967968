package dev.provision.run;

import dev.provision.event.Recap;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.module.ModuleRegistry;
import dev.provision.playbook.Playbook;
import dev.provision.template.Templates;
import java.util.Map;
import java.util.Set;

/** One runner over test modules and a real {@code sh -c} connection, recording every event. */
final class Harness {

  final ModuleRegistry modules;
  final ShellConnectionFactory connections;
  final RecordingSink sink = new RecordingSink();
  Recap recap;

  Harness(ModuleRegistry modules, String... unreachable) {
    this.modules = modules;
    this.connections = new ShellConnectionFactory(unreachable);
  }

  Recap run(Playbook playbook, Inventory inventory, Mode mode) throws Exception {
    return run(playbook, inventory, RunOptions.defaults(mode));
  }

  Recap run(Playbook playbook, Inventory inventory, RunOptions options) throws Exception {
    recap = runner().run(playbook, inventory, options);
    return recap;
  }

  /** A new runner over this harness's modules, connections and sink, for a test that drives it itself. */
  Runner runner() {
    return new Runner(modules, new Templates(), connections, sink);
  }

  static RunOptions options(Mode mode, int forks, Map<String, Object> extraVars, Set<String> secretVars) {
    return new RunOptions(mode, forks, null, Set.of(), Set.of(), extraVars, secretVars, false);
  }
}
