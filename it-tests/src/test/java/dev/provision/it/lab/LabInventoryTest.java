package dev.provision.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.InventoryLoader;
import dev.provision.lab.LabInventory;
import dev.provision.lab.layout.LabLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory `provision lab up` writes, read by the engine's own inventory loader. */
class LabInventoryTest {

  @Test
  void theWrittenInventoryHasTheGuidesGroupsAndEveryConnectionVariable(@TempDir Path repo) throws Exception {
    LabLayout layout = new LabLayout(repo);

    Path dir = new LabInventory(layout).write("http://127.0.0.1:8123");
    Inventory inv = new InventoryLoader().load(dir);

    assertThat(inv.warnings()).isEmpty();
    assertThat(inv.groups().get("controller").hosts()).containsExactly("controller");
    assertThat(inv.groups().get("workers").hosts()).containsExactly("worker01", "worker02");
    Host worker = inv.host("worker02").orElseThrow();
    assertThat(worker.vars()).containsEntry("ansible_host", "127.0.2.3")
        .containsEntry("ansible_user", "root")
        .containsEntry("kubevirt_package_manager", "dnf")
        .containsEntry("ansible_ssh_private_key_file", repo.resolve(".lab/ssh/id_ed25519").toString())
        .containsEntry("ansible_ssh_known_hosts_file", repo.resolve(".lab/ssh/known_hosts").toString())
        .containsEntry("lab_root", repo.resolve(".lab/hosts/worker02/sysroot").toString())
        .containsEntry("kubevirt_release_base", "http://127.0.0.1:8123")
        .containsEntry("kubevirt_stable_url", "http://127.0.0.1:8123/stable.txt")
        .containsEntry("kubeconfig", layout.kubeconfig().toString())
        .containsEntry("kubevirt_use_emulation", true);
  }

  @Test
  void aPathWithAQuoteStaysOneYamlString(@TempDir Path tmp) throws Exception {
    LabLayout layout = new LabLayout(tmp.resolve("it's here"));

    Inventory inv = new InventoryLoader().load(new LabInventory(layout).write("http://127.0.0.1:1"));

    assertThat(inv.host("controller").orElseThrow().vars())
        .containsEntry("ansible_ssh_private_key_file", layout.state().resolve("ssh/id_ed25519").toString());
  }
}
