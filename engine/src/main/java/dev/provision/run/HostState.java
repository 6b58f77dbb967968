package dev.provision.run;

import dev.provision.inventory.Host;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run learns about one host: gathered facts, registered results and set_fact values, the
 * memo of {@code Fact}s, and whether the host is unreachable. Only that host's nodes write it (one
 * at a time); other hosts read it through {@code hostvars}, hence the synchronized maps.
 */
final class HostState {

  private final Host host;
  private final Map<String, Object> gathered = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Object> runtime = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Object> included = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Object> factMemo = Collections.synchronizedMap(new HashMap<>());
  private volatile boolean factsGathered;
  private volatile String unreachable;
  private volatile boolean pendingChanges;
  /** Handlers notified on this host, as "play index / name"; "maybe" ones by a task known after apply. */
  private final Set<String> notified = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Set<String> maybeNotified = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** What the host's blocks came to, per play. */
  private final Map<Integer, BlockFlow> flows = new java.util.concurrent.ConcurrentHashMap<>();

  HostState(Host host) {
    this.host = host;
  }

  /** The host's block semantics in play {@code play}. */
  BlockFlow flow(int play) {
    return flows.computeIfAbsent(play, p -> new BlockFlow());
  }

  Host host() {
    return host;
  }

  /**
   * An earlier task on this host would change it but did not (only a plan has pending changes), so
   * reads now may not match what the apply will find.
   */
  boolean hasPendingChanges() {
    return pendingChanges;
  }

  void pendingChange() {
    pendingChanges = true;
  }

  /** A task of play {@code play} changed this host and notifies {@code names}; {@code maybe}: in a plan, unknown. */
  void notify(int play, List<String> names, boolean maybe) {
    names.forEach(n -> (maybe ? maybeNotified : notified).add(play + "/" + n));
  }

  /** The names of play {@code play} notified on this host ({@code maybe}: by a task known after apply). */
  Set<String> notified(int play, boolean maybe) {
    String prefix = play + "/";
    Set<String> out = new java.util.HashSet<>();
    for (String key : maybe ? maybeNotified : notified) {
      if (key.startsWith(prefix)) {
        out.add(key.substring(prefix.length()));
      }
    }
    return out;
  }

  boolean factsGathered() {
    return factsGathered;
  }

  void gathered(Map<String, Object> facts) {
    gathered.putAll(facts);
    factsGathered = true;
  }

  /** Gathered facts (the layer just above inventory variables). */
  Map<String, Object> gatheredFacts() {
    synchronized (gathered) {
      return new LinkedHashMap<>(gathered);
    }
  }

  /** Registered results and set_fact values (above play and task vars). */
  Map<String, Object> runtimeVars() {
    synchronized (runtime) {
      return new LinkedHashMap<>(runtime);
    }
  }

  void setRuntime(String name, Object value) {
    runtime.put(name, value);
  }

  /** Variables of {@code include_vars} (below set_fact and register; their values may hold templates). */
  Map<String, Object> includedVars() {
    synchronized (included) {
      return new LinkedHashMap<>(included);
    }
  }

  void include(String name, Object value) {
    included.put(name, value);
  }

  Object memo(String key) {
    return factMemo.get(key);
  }

  boolean hasMemo(String key) {
    return factMemo.containsKey(key);
  }

  void remember(String key, Object value) {
    factMemo.put(key, value);
  }

  /** After a change on the host, anything read before may be stale. */
  void forgetFacts() {
    factMemo.clear();
  }

  void markUnreachable(String reason) {
    unreachable = reason;
  }

  /** Why the host is unreachable, or null. */
  String unreachable() {
    return unreachable;
  }
}
