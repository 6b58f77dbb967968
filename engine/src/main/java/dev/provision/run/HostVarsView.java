package dev.provision.run;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code hostvars}: each host's inventory variables, gathered facts, registered results and
 * set_fact values. Computed when a template looks a host up, not for every node of the run.
 */
final class HostVarsView extends AbstractMap<String, Object> {

  private final Map<String, HostState> hosts;

  HostVarsView(Map<String, HostState> hosts) {
    this.hosts = hosts;
  }

  @Override
  public Object get(Object key) {
    HostState state = hosts.get(key);
    if (state == null) {
      return null;
    }
    Map<String, Object> vars = new LinkedHashMap<>(state.host().vars());
    vars.putAll(state.gatheredFacts());
    vars.putAll(state.includedVars());
    vars.putAll(state.runtimeVars());
    vars.put("inventory_hostname", state.host().name());
    vars.put("group_names", state.host().groups());
    return vars;
  }

  @Override
  public boolean containsKey(Object key) {
    return hosts.containsKey(key);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Set<Entry<String, Object>> out = new LinkedHashSet<>();
    for (String name : hosts.keySet()) {
      out.add(new SimpleImmutableEntry<>(name, get(name)));
    }
    return out;
  }
}
