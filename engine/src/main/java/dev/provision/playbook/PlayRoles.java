package dev.provision.playbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a play's roles give every task of the play, as Ansible exposes the roles it reads when it loads
 * the playbook ({@code roles:}, {@code import_role}, an {@code include_role} with {@code public: true}):
 * their {@code defaults} (below the inventory), their {@code vars} (above the play's), and the
 * roles' {@code names} ({@code role_names}).
 */
public record PlayRoles(Map<String, Object> defaults, Map<String, Object> vars, List<String> names) {

  public static final PlayRoles NONE = new PlayRoles(Map.of(), Map.of(), List.of());

  public PlayRoles {
    defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    names = List.copyOf(names);
  }
}
