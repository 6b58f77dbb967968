package dev.provision.cli;

import dev.provision.diag.DiagnosticRenderer;
import dev.provision.diag.Diagnostics;
import dev.provision.inventory.AnsibleInventoryJson;
import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.InventoryLoader;
import dev.provision.json.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision inventory -i PATH --list}: prints what {@code ansible-inventory --list} prints,
 * so users can check that Provision reads their existing inventories the same way.
 */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = "Shows an inventory as Ansible's ansible-inventory does (--list, --host).")
final class InventoryCommand implements Callable<Integer> {

  @ParentCommand ProvisionCommand parent;

  @Mixin InventoryOption inventory;

  @Mixin VaultOptions vault;

  @Option(names = "--list", description = "All hosts, groups and merged host variables as JSON (the default).")
  boolean list;

  @Option(names = "--host", paramLabel = "HOST", description = "The merged variables of one host as JSON.")
  String host;

  @Override
  public Integer call() throws Exception {
    PrintStream out = parent.out();
    PrintStream err = parent.err();
    Path inventory = this.inventory.require();
    vault.install();
    Inventory inv = new InventoryLoader().load(inventory);
    if (!inv.warnings().isEmpty()) {
      err.print(new DiagnosticRenderer().render(new Diagnostics().addAll(inv.warnings())));
    }
    if (host != null) {
      Host h = inv.host(host).orElseThrow(() -> new CliErrors.UserError(
          "host `" + host + "` is not in " + inventory + " (see: provision inventory -i " + inventory + " --list)"));
      out.println(Json.pretty(h.vars(), 4));
      return 0;
    }
    out.println(AnsibleInventoryJson.render(inv));
    return 0;
  }
}
