package dev.provision.playbook;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Ansible 2.14 itself accepts, so that what Provision does not support yet is refused as "not
 * supported yet" and never as unknown: the keywords of each kind of object (Ansible's "Playbook
 * Keywords") and the modules of {@code ansible.builtin}. Facts about Ansible, listed here once.
 */
final class AnsibleLanguage {

  static final Set<String> PLAY = Set.of("any_errors_fatal", "become", "become_exe", "become_flags",
      "become_method", "become_user", "check_mode", "collections", "connection", "debugger", "diff", "environment",
      "fact_path", "force_handlers", "gather_facts", "gather_subset", "gather_timeout", "handlers", "hosts",
      "ignore_errors", "ignore_unreachable", "max_fail_percentage", "module_defaults", "name", "no_log", "order",
      "port", "post_tasks", "pre_tasks", "remote_user", "roles", "run_once", "serial", "strategy", "tags", "tasks",
      "throttle", "timeout", "vars", "vars_files", "vars_prompt");

  static final Set<String> BLOCK = Set.of("always", "any_errors_fatal", "become", "become_exe", "become_flags",
      "become_method", "become_user", "block", "check_mode", "collections", "connection", "debugger",
      "delegate_facts", "delegate_to", "diff", "environment", "ignore_errors", "ignore_unreachable",
      "module_defaults", "name", "no_log", "notify", "port", "remote_user", "rescue", "run_once", "tags", "throttle",
      "timeout", "vars", "when");

  static final Set<String> TASK = Set.of("action", "any_errors_fatal", "args", "async", "become", "become_exe",
      "become_flags", "become_method", "become_user", "changed_when", "check_mode", "collections", "connection",
      "debugger", "delay", "delegate_facts", "delegate_to", "diff", "environment", "failed_when", "ignore_errors",
      "ignore_unreachable", "local_action", "loop", "loop_control", "module_defaults", "name", "no_log", "notify",
      "poll", "port", "register", "remote_user", "retries", "run_once", "tags", "throttle", "timeout", "until",
      "vars", "when", "listen");

  /** An entry of a play's {@code roles:}, besides the role's own parameters. */
  static final Set<String> ROLE = Set.of("any_errors_fatal", "become", "become_exe", "become_flags",
      "become_method", "become_user", "check_mode", "collections", "connection", "debugger", "delegate_facts",
      "delegate_to", "diff", "environment", "ignore_errors", "ignore_unreachable", "module_defaults", "name",
      "no_log", "port", "remote_user", "role", "run_once", "tags", "throttle", "timeout", "vars", "when");

  /** The modules of ansible-core 2.14 ({@code ansible.builtin.*}). */
  static final Set<String> BUILTIN_MODULES = Set.of("add_host", "apt", "apt_key", "apt_repository", "assemble",
      "assert", "async_status", "blockinfile", "command", "copy", "cron", "debconf", "debug", "dnf",
      "dpkg_selections", "expect", "fail", "fetch", "file", "find", "gather_facts", "get_url", "getent", "git",
      "group", "group_by", "hostname", "import_playbook", "import_role", "import_tasks", "include_role",
      "include_tasks", "include_vars", "iptables", "known_hosts", "lineinfile", "meta", "package", "package_facts",
      "pause", "ping", "pip", "raw", "reboot", "replace", "rpm_key", "script", "service", "service_facts", "set_fact",
      "set_stats", "setup", "shell", "slurp", "stat", "subversion", "systemd", "systemd_service", "sysvinit",
      "tempfile", "template", "unarchive", "uri", "user", "validate_argument_spec", "wait_for",
      "wait_for_connection", "yum", "yum_repository", "include",
      // added by ansible-core 2.15 to 2.18
      "deb822_repository", "dnf5", "mount_facts");

  /**
   * Short names that ansible-core routes to a collection's module (its builtin routing), for the
   * refusal to name the collection: a role that writes {@code sysctl:} means ansible.posix.sysctl.
   */
  static final java.util.Map<String, String> ROUTED = routed(
      "ansible.posix", "acl at authorized_key firewalld firewalld_info mount patch seboolean selinux synchronize sysctl",
      "community.general", "alternatives apk archive capabilities cronvar filesystem flatpak gem git_config"
          + " homebrew htpasswd ini_file java_keystore kernel_blacklist locale_gen lvg lvol make modprobe nmcli npm"
          + " open_iscsi pacman pam_limits parted pipx pkgng portage runit sefcontext shutdown snap supervisorctl"
          + " timezone ufw xml yarn zypper zypper_repository lxc_container proxmox proxmox_kvm",
      "community.crypto", "openssh_keypair openssl_certificate openssl_csr openssl_dhparam openssl_privatekey"
          + " openssl_publickey x509_certificate get_certificate",
      "community.docker", "docker_compose docker_container docker_image docker_login docker_network docker_swarm"
          + " docker_volume",
      "community.mysql", "mysql_db mysql_user mysql_variables mysql_replication",
      "community.postgresql", "postgresql_db postgresql_user postgresql_privs postgresql_ext",
      "community.libvirt", "virt virt_net virt_pool",
      "kubernetes.core", "helm helm_info helm_plugin helm_repository k8s k8s_cluster_info k8s_cp k8s_drain k8s_exec"
          + " k8s_info k8s_json_patch k8s_log k8s_rollback k8s_scale k8s_service k8s_taint",
      "ansible.windows", "win_command win_copy win_feature win_file win_service win_shell win_template");

  private static java.util.Map<String, String> routed(String... collectionsAndNames) {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    for (int i = 0; i + 1 < collectionsAndNames.length; i += 2) {
      for (String name : collectionsAndNames[i + 1].trim().split("\\s+")) {
        out.put(name, collectionsAndNames[i] + "." + name);
      }
    }
    return java.util.Map.copyOf(out);
  }

  /**
   * Modules of a collection Provision has in part, with why they are not there yet: a playbook that uses
   * one learns what stands in the way, not that the collection is missing.
   */
  private static final Map<String, String> COLLECTION_MODULES = Map.of(
      "kubernetes.core.helm", "Provision runs no helm binary; render the chart (helm template) and apply the"
          + " manifests with kubernetes.core.k8s",
      "kubernetes.core.helm_repository", "Provision runs no helm binary",
      "kubernetes.core.helm_info", "Provision runs no helm binary",
      "kubernetes.core.k8s_exec", "running a command in a pod needs a kubelet's exec stream, which Provision's"
          + " kube modules do not open",
      "kubernetes.core.k8s_log", "reading a pod's log needs a kubelet, which Provision's kube modules do not reach",
      "kubernetes.core.k8s_cp", "copying into a pod needs a kubelet's exec stream, which Provision's kube modules"
          + " do not open");

  /**
   * Modules of ansible-core that do not fit Provision's model, with why: a playbook that uses one
   * learns what stands in the way.
   */
  private static final Map<String, String> BUILTIN_REASONS = Map.of(
      "add_host", "Provision compiles every play's hosts into one graph before the run, so a host cannot"
          + " join the inventory while it runs; list the host in the inventory (a group of its own) instead",
      "group_by", "Provision compiles every play's hosts into one graph before the run, so groups cannot be"
          + " made from runtime values; make the groups in the inventory, or select hosts with `when:` on a fact");

  /** Collections Provision has some modules of. */
  private static final Set<String> PARTLY_HERE = Set.of("kubernetes.core", "community.kubernetes", "kubevirt.core");

  /** {@code ansible.builtin.x}, {@code ansible.legacy.x}: ansible-core's own modules. */
  private static final List<String> CORE = List.of("ansible.builtin.", "ansible.legacy.");

  /**
   * Why a task key Provision does not read is valid Ansible that Provision does not support yet (a
   * task keyword, a module of ansible-core, a module of a collection), or null when Ansible would
   * not know it either.
   */
  static String notSupportedYet(String key) {
    if (TASK.contains(key)) {
      return "the task keyword `" + key + "` is not supported yet";
    }
    String bare = CORE.stream().filter(key::startsWith).findFirst().map(p -> key.substring(p.length())).orElse(key);
    if (BUILTIN_REASONS.containsKey(bare)) {
      return "the module `" + key + "` is not supported yet: " + BUILTIN_REASONS.get(bare);
    }
    if (BUILTIN_MODULES.contains(bare)) {
      return "the module `" + key + "` is not supported yet";
    }
    // ansible.legacy.X is found as the short name X is, collection routing included
    String routed = ROUTED.get(key.startsWith("ansible.legacy.") ? bare : key);
    String reason = COLLECTION_MODULES.get(key.startsWith("community.kubernetes.")
        ? "kubernetes.core." + key.substring("community.kubernetes.".length()) : routed != null ? routed : key);
    if (reason != null) {
      return "the module `" + key + "` is not supported yet: " + reason;
    }
    if (routed != null) {
      return "the module `" + key + "` (" + routed + ") is not supported yet";
    }
    String[] parts = key.split("\\.");
    if (parts.length == 3 && PARTLY_HERE.contains(parts[0] + "." + parts[1])) {
      return "the module `" + key + "` is not supported yet (Provision has some of the collection `" + parts[0] + "."
          + parts[1] + "`: see docs/modules.md)";
    }
    if (parts.length >= 3 && java.util.Arrays.stream(parts).allMatch(p -> p.matches("[A-Za-z0-9_]+"))) {
      return CORE.stream().anyMatch(key::startsWith) ? null
          : "`" + key + "` is not supported yet: Provision has no collection `" + parts[0] + "." + parts[1] + "`";
    }
    return null;
  }

  private AnsibleLanguage() {}
}
