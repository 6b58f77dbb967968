package dev.provision.playbook;

/**
 * Whom a task's {@code become} switches to, as its keywords say ({@code become_user},
 * {@code become_method}, {@code become_flags}, {@code become_exe}), each null when not set and each a
 * template or a value as written: the task's own over its blocks', role's and play's. The host's
 * variables ({@code ansible_become_user}...) win over these, as every connection variable wins over
 * its keyword in Ansible.
 */
public record BecomeAs(String user, String method, String flags, String exe) {

  /** Nothing set: the host's variables and the defaults (sudo to root) decide. */
  public static final BecomeAs NONE = new BecomeAs(null, null, null, null);

  /** The keywords, in the order of the components. */
  static final java.util.List<String> KEYWORDS = java.util.List.of("become_user", "become_method", "become_flags",
      "become_exe");

  /** Ansible's other become methods: refused as not supported yet, never as unknown. */
  static final java.util.Set<String> ANSIBLE_METHODS = java.util.Set.of("doas", "dzdo", "enable", "ksu",
      "machinectl", "pbrun", "pfexec", "pmrun", "runas", "sesu", "community.general.doas",
      "community.general.machinectl", "community.general.pbrun", "ansible.netcommon.enable");

  public boolean isEmpty() {
    return user == null && method == null && flags == null && exe == null;
  }

  /** This with {@code key} (one of {@link #KEYWORDS}) set to {@code value}. */
  BecomeAs with(String key, String value) {
    return switch (key) {
      case "become_user" -> new BecomeAs(value, method, flags, exe);
      case "become_method" -> new BecomeAs(user, value, flags, exe);
      case "become_flags" -> new BecomeAs(user, method, value, exe);
      default -> new BecomeAs(user, method, flags, value);
    };
  }

  /** The value of {@code key} (one of {@link #KEYWORDS}). */
  public String get(String key) {
    return switch (key) {
      case "become_user" -> user;
      case "become_method" -> method;
      case "become_flags" -> flags;
      default -> exe;
    };
  }
}
