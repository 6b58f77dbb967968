package dev.provision.it.conformance;

import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A lab's inventory with what Ansible needs to reach the same hosts (Provision ignores the extra keys). */
final class AnsibleInventory {

  private AnsibleInventory() {}

  static Path write(SshLab lab, Path dir) throws IOException {
    StringBuilder out = new StringBuilder("all:\n  children:\n    lab:\n      hosts:\n");
    for (LabHost host : lab.hosts()) {
      out.append("        ").append(host.name()).append(":\n")
          .append("          ansible_host: ").append(host.address()).append('\n')
          .append("          ansible_user: ").append(lab.user()).append('\n')
          .append("          ansible_ssh_private_key_file: ").append(lab.clientKey()).append('\n')
          .append("          ansible_ssh_known_hosts_file: ").append(lab.knownHosts()).append('\n')
          .append("          ansible_ssh_common_args: -o UserKnownHostsFile=").append(lab.knownHosts())
          .append(" -o StrictHostKeyChecking=yes\n")
          .append("          ansible_python_interpreter: /usr/bin/python3\n")
          .append("          lab_root: ").append(host.root()).append('\n');
    }
    Path file = dir.resolve("inventory.yml");
    Files.writeString(file, out.toString());
    return file;
  }
}
