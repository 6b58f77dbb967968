package dev.provision.lab;

import dev.provision.lab.layout.LabHostSpec;
import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code inventory/lab/}: the three hosts in groups {@code controller} and {@code workers}
 * with their connection variables, and group_vars pointing the KubeVirt playbook at the lab's
 * release mirror and API server. Rewritten on every {@code lab up} (it is git-ignored).
 */
public final class LabInventory {

  private final LabLayout layout;
  private final SshLab hosts;

  public LabInventory(LabLayout layout) throws IOException {
    this.layout = layout;
    this.hosts = new LabSshHosts(layout).hosts();
  }

  public Path write(String mirrorBaseUrl) throws IOException {
    Path dir = layout.inventory();
    Files.createDirectories(dir.resolve("group_vars"));
    StringBuilder text = new StringBuilder("""
        # The Provision lab (written by `provision lab up`; removed by `provision lab down`).
        # Three real sshd hosts on loopback addresses, in the groups of inventory/home.
        all:
          children:
        """);
    for (String group : new String[] {"controller", "workers"}) {
      text.append("    ").append(group).append(":\n      hosts:\n");
      for (LabHostSpec spec : LabLayout.HOSTS) {
        if (spec.group().equals(group)) {
          LabHost host = host(spec.name());
          text.append("        ").append(host.name()).append(":\n")
              .append("          ansible_host: ").append(host.address()).append('\n')
              .append("          lab_root: ").append(quote(host.root())).append('\n');
        }
      }
    }
    Files.writeString(dir.resolve("hosts.yaml"), text.toString());
    Files.writeString(dir.resolve("group_vars/all.yaml"), """
        # Every lab host: how to reach it (key-only SSH, host keys pinned), and its package tools.
        ansible_user: root
        ansible_port: 22
        ansible_connection: ssh
        ansible_become: false
        ansible_ssh_private_key_file: %s
        ansible_ssh_known_hosts_file: %s
        # Lab hosts share this Debian machine's /etc/os-release, so gathered facts say apt, as Ansible's
        # would; the lab stands in for the guide's dnf hosts, whose dnf/rpm wrappers act on their own root.
        kubevirt_package_manager: dnf

        # The KubeVirt playbook against the lab: the release mirror, the API server, emulation (no KVM here).
        kubevirt_release_base: %s
        kubevirt_stable_url: %s/stable.txt
        kubevirt_vm_manifest_url: %s/vm.yaml
        cdi_release_base: %s/cdi
        kubeconfig: %s
        kubevirt_use_emulation: true
        """.formatted(quote(hosts.clientKey()), quote(hosts.knownHosts()), mirrorBaseUrl, mirrorBaseUrl,
        mirrorBaseUrl, mirrorBaseUrl, quote(layout.kubeconfig())));
    return dir;
  }

  /** The lab host of this name, as the sshd fixture lays it out. */
  public LabHost host(String name) {
    return hosts.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
  }

  /** The client key and known_hosts the inventory names. */
  public SshLab hosts() {
    return hosts;
  }

  private static String quote(Path path) {
    return "'" + path.toString().replace("'", "''") + "'";
  }
}
