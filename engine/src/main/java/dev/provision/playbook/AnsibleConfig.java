package dev.provision.playbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one ansible.cfg Ansible reads ({@code ANSIBLE_CONFIG}, then ./ansible.cfg, ~/.ansible.cfg,
 * /etc/ansible/ansible.cfg: the first that exists, and only that one), and its {@code [defaults]}
 * keys as Python's configparser reads them. Provision reads {@code roles_path} and {@code inventory}.
 */
public final class AnsibleConfig {

  private AnsibleConfig() {}

  /** The file Ansible would read; {@code before} are looked at first (Provision's own additions). */
  public static Optional<Path> file(Map<String, String> env, Path workDir, Path home, Path... before) {
    List<Path> candidates = new ArrayList<>();
    if (env.get("ANSIBLE_CONFIG") != null) {
      candidates.add(Path.of(env.get("ANSIBLE_CONFIG")));
    }
    candidates.addAll(List.of(before));
    candidates.add(workDir.resolve("ansible.cfg"));
    candidates.add(home.resolve(".ansible.cfg"));
    candidates.add(Path.of("/etc/ansible/ansible.cfg"));
    return candidates.stream().filter(Files::isRegularFile).findFirst();
  }

  /** {@code key} of the file's {@code [defaults]} section, or null. */
  public static String defaults(Path cfg, String key) {
    try {
      String section = "";
      for (String line : Files.readAllLines(cfg)) {
        String l = line.strip();
        if (l.startsWith("[") && l.endsWith("]")) {
          section = l.substring(1, l.length() - 1).strip();
        } else if (section.equals("defaults") && l.matches(java.util.regex.Pattern.quote(key) + "\\s*[=:].*")) {
          return l.substring(l.indexOf(l.contains("=") ? '=' : ':') + 1).strip();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }
}
