package dev.provision.playbook;

/**
 * How a task's host is reached, as its keywords say ({@code connection}, {@code remote_user},
 * {@code port}), each null when not set and each a template or a value as written. The host's
 * variables ({@code ansible_connection}, {@code ansible_user}, {@code ansible_port}) win over these,
 * as in Ansible, where every connection variable overrides its playbook keyword.
 */
public record Reach(String connection, String remoteUser, String port) {

  /** Nothing set: the host's variables and the defaults decide. */
  public static final Reach NONE = new Reach(null, null, null);

  /** The connection types Provision opens, and the names Ansible gives them: smart and paramiko are ssh. */
  public static String type(String written) {
    String t = written.strip().toLowerCase(java.util.Locale.ROOT);
    return switch (t) {
      case "local" -> "local";
      case "ssh", "smart", "paramiko", "paramiko_ssh", "ansible.builtin.ssh", "ansible.builtin.paramiko_ssh",
          "ansible.legacy.ssh" -> "ssh";
      case "ansible.builtin.local", "ansible.legacy.local" -> "local";
      default -> null;
    };
  }

  /** Ansible's other connection plugins: refused as not supported yet, never as unknown. */
  static final java.util.Set<String> ANSIBLE_TYPES = java.util.Set.of("docker", "podman", "winrm", "psrp",
      "kubectl", "kubernetes.core.kubectl", "community.docker.docker", "network_cli", "netconf", "httpapi",
      "chroot", "lxc", "lxd", "buildah", "qemu", "jail", "zone", "saltstack", "funcd", "iocage", "libvirt_lxc",
      "community.general.lxd", "containers.podman.podman", "ansible.netcommon.network_cli", "aws_ssm");

  public boolean isEmpty() {
    return connection == null && remoteUser == null && port == null;
  }

  /** These settings over {@code outer}'s: what is set here wins. */
  Reach over(Reach outer) {
    return new Reach(connection != null ? connection : outer.connection,
        remoteUser != null ? remoteUser : outer.remoteUser, port != null ? port : outer.port);
  }
}
