package dev.provision.playbook;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One use of a role (Ansible's roles: {@code roles/NAME/tasks/main.yml} and its siblings), as a task
 * of it sees it: its {@code name} ({@code role_name}) and folder ({@code role_path}, where
 * {@code template} and {@code copy} look first), its {@code defaults} (the lowest precedence of all),
 * its {@code vars} ({@code vars/main.yml}, then the {@code vars:} of its entry, above the play's vars)
 * and its {@code params} (the entry's other keys, Ansible's role params: above {@code set_fact}).
 */
public record Role(String name, Path path, Map<String, Object> defaults, Map<String, Object> vars,
    Map<String, Object> params) {

  public Role {
    defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Ansible's task name inside a role: {@code ROLE : TASK}. */
  public String qualify(String taskName) {
    return name + " : " + taskName;
  }
}
