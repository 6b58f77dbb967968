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
  /**
   * When each handler name or topic was last notified on this host ("play index / name" to a count of
   * notifications); "maybe" ones by a task known after apply. A handler runs when notified after it
   * last ran ({@code meta: flush_handlers} runs handlers before the play's end).
   */
  private final Map<String, Long> notified = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Long> maybeNotified = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<dev.provision.playbook.Task, Long> handlerRan = Collections.synchronizedMap(
      new java.util.IdentityHashMap<>());
  private final java.util.concurrent.atomic.AtomicLong notifications = new java.util.concurrent.atomic.AtomicLong();
  /** The plays this host left early ({@code meta: end_host}). */
  private final Set<Integer> ended = java.util.concurrent.ConcurrentHashMap.newKeySet();

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

  /** The files planned changes would write, by path: the last planned write of each (plans only). */
  private final Map<String, dev.provision.module.PlannedWrite> plannedWrites = new java.util.concurrent.ConcurrentHashMap<>();

  /** A planned, not made, change would write these files (in order: the last one of a path wins). */
  void planned(List<dev.provision.module.PlannedWrite> writes) {
    writes.forEach(w -> plannedWrites.put(w.path(), w));
  }

  java.util.Optional<dev.provision.module.PlannedWrite> plannedWrite(String path) {
    return java.util.Optional.ofNullable(plannedWrites.get(path));
  }

  /** A task of play {@code play} changed this host and notifies {@code names}; {@code maybe}: in a plan, unknown. */
  void notify(int play, List<String> names, boolean maybe) {
    long now = notifications.incrementAndGet();
    names.forEach(n -> (maybe ? maybeNotified : notified).put(play + "/" + n, now));
  }

  /** Whether {@code handler} of play {@code play} was notified ({@code maybe}: possibly) since it last ran here. */
  boolean notifiedSinceRun(int play, dev.provision.playbook.Task handler, boolean maybe) {
    long ran = handlerRan.getOrDefault(handler, 0L);
    Map<String, Long> from = maybe ? maybeNotified : notified;
    return handler.answersTo().stream().anyMatch(n -> from.getOrDefault(play + "/" + n, 0L) > ran);
  }

  /** {@code handler} ran (or was planned) here now: it waits for a new notification. */
  void handlerRan(dev.provision.playbook.Task handler) {
    handlerRan.put(handler, notifications.get());
  }

  /** The plays this host failed in (a failure nothing rescued or ignored, or unreachable). */
  private final Set<Integer> failedIn = java.util.concurrent.ConcurrentHashMap.newKeySet();

  void failedIn(int play) {
    failedIn.add(play);
  }

  boolean hasFailedIn(int play) {
    return failedIn.contains(play);
  }

  /** {@code meta: end_host}: this host runs no more of play {@code play}. */
  void endPlay(int play) {
    ended.add(play);
  }

  boolean ended(int play) {
    return ended.contains(play);
  }

  /** {@code meta: clear_facts}: the gathered facts are gone (set_fact's stay, as in Ansible). */
  void clearGathered() {
    gathered.clear();
    factsGathered = false;
  }

  boolean factsGathered() {
    return factsGathered;
  }

  void gathered(Map<String, Object> facts) {
    synchronized (gathered) {
      Object before = gathered.get("ansible_facts");
      gathered.putAll(facts);
      if (before instanceof Map<?, ?> earlier && facts.get("ansible_facts") instanceof Map<?, ?> now) {
        // what fact modules (getent) put there stays, as in Ansible's fact cache: gathering updates it
        mergeFacts(earlier, now, false);
      }
    }
    factsGathered = true;
  }

  /**
   * Facts a fact module returned ({@code getent_passwd}, or setup's as a task): host facts, ranked
   * as gathered ones (below play vars, as in Ansible), and under {@code ansible_facts} too, without
   * the {@code ansible_} prefix, as Ansible keeps them in the host's fact cache. A returned {@code
   * ansible_facts} map (setup's) updates that map; each name replaces the one before.
   */
  void learned(Map<?, ?> facts) {
    synchronized (gathered) {
      Map<?, ?> earlier = gathered.get("ansible_facts") instanceof Map<?, ?> m ? m : Map.of();
      facts.forEach((k, v) -> {
        if (!"ansible_facts".equals(k)) {
          gathered.put(String.valueOf(k), v);
        }
      });
      if (facts.get("ansible_facts") instanceof Map<?, ?> namespace) {
        mergeFacts(earlier, namespace, false);
      } else {
        mergeFacts(earlier, facts, true);
      }
    }
  }

  /** {@code ansible_facts} becomes {@code earlier} updated by {@code now}; {@code unprefixed}: without {@code ansible_}. */
  private void mergeFacts(Map<?, ?> earlier, Map<?, ?> now, boolean unprefixed) {
    Map<String, Object> merged = new LinkedHashMap<>();
    earlier.forEach((k, v) -> merged.put(String.valueOf(k), v));
    now.forEach((k, v) -> {
      String name = String.valueOf(k);
      merged.put(unprefixed && name.startsWith("ansible_") ? name.substring("ansible_".length()) : name, v);
    });
    gathered.put("ansible_facts", merged);
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
