package dev.provision.run;

import dev.provision.diag.SourceSpan;
import dev.provision.inventory.Group;
import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.playbook.Play;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds playbooks and inventories directly as records (the loaders are tested elsewhere). */
public final class Fixtures {

  private Fixtures() {}

  public static Playbook playbook(Play... plays) {
    return new Playbook(Path.of("test.yml"), List.of(plays));
  }

  /** A play that needs the given plays (pass none for a play that can start at once). */
  public static Play play(String name, String hosts, List<String> needs, Task... tasks) {
    return new Play(name, span(1), hosts, Map.of(), null, false, needs, List.of(tasks));
  }

  public static Play withVars(Play p, Map<String, Object> vars) {
    return new Play(p.name(), p.span(), p.hosts(), vars, p.become(), p.gatherFacts(), p.needs(), p.tasks());
  }

  public static Play withSecretVars(Play p, Set<String> secretVars) {
    return new Play(p.name(), p.span(), p.hosts(), p.vars(), secretVars, p.become(), p.gatherFacts(), p.needs(),
        p.tasks(), p.node(), p.handlers());
  }

  public static Play withHandlers(Play p, Task... handlers) {
    return new Play(p.name(), p.span(), p.hosts(), p.vars(), p.secretVars(), p.become(), p.gatherFacts(), p.needs(),
        p.tasks(), p.node(), List.of(handlers));
  }

  public static Play becoming(Play p, boolean become) {
    return new Play(p.name(), p.span(), p.hosts(), p.vars(), become, p.gatherFacts(), p.needs(), p.tasks());
  }

  public static Play gathering(Play p) {
    return new Play(p.name(), p.span(), p.hosts(), p.vars(), p.become(), true, p.needs(), p.tasks());
  }

  public static T task(String name, String module, Object args) {
    return new T(name, module, args);
  }

  /** A task builder with short names for tests; {@link #b()} builds it. */
  public static final class T {
    private final Task.Builder task;

    T(String name, String module, Object args) {
      task = Task.builder().name(name).span(span(2)).module(module, span(3)).args(args, null).delay(Duration.ZERO);
    }

    public T vars(Map<String, Object> v) { task.vars(v); return this; }
    public T register(String r) { task.register(r); return this; }
    public T when(String w) { task.when(w); return this; }
    public T until(String u, int r) { task.until(u).retries(r); return this; }
    public T retries(int r) { task.retries(r); return this; }
    public T delay(Duration d) { task.delay(d); return this; }
    public T timeout(Duration t) { task.timeout(t); return this; }
    public T tags(String... t) { task.tags(List.of(t)); return this; }
    public T ignoreErrors() { task.ignoreErrors(true); return this; }
    public T noLog() { task.noLog(true); return this; }
    public T changedWhen(String c) { task.changedWhen(c); return this; }
    public T failedWhen(String f) { task.failedWhen(f); return this; }
    public T become(boolean b) { task.become(b); return this; }
    public T checkMode(boolean c) { task.checkMode(c); return this; }
    public T runOnce() { task.runOnce(true); return this; }
    public T delegateTo(String to, boolean facts) { task.delegateTo(to).delegateFacts(facts); return this; }

    public Task b() {
      return task.build();
    }
  }

  /** Hosts in order; {@code groups} maps a group to its hosts; {@code vars} maps a host to its vars. */
  public static Inventory inventory(List<String> hosts, Map<String, List<String>> groups,
      Map<String, Map<String, Object>> vars) {
    Map<String, Host> hostMap = new LinkedHashMap<>();
    for (String h : hosts) {
      TreeSet<String> member = new TreeSet<>();
      groups.forEach((g, hs) -> {
        if (hs.contains(h)) {
          member.add(g);
        }
      });
      if (member.isEmpty()) {
        member.add("ungrouped");
      }
      hostMap.put(h, new Host(h, vars.getOrDefault(h, Map.of()), new ArrayList<>(member)));
    }
    Map<String, Group> groupMap = new LinkedHashMap<>();
    List<String> children = new ArrayList<>(groups.keySet());
    children.add("ungrouped");
    groupMap.put("all", new Group("all", Map.of(), children, List.of()));
    List<String> ungrouped = hosts.stream().filter(h -> groups.values().stream().noneMatch(l -> l.contains(h))).toList();
    groupMap.put("ungrouped", new Group("ungrouped", Map.of(), List.of(), ungrouped));
    groups.forEach((g, hs) -> groupMap.put(g, new Group(g, Map.of(), List.of(), hs)));
    return new Inventory(hostMap, groupMap);
  }

  public static Inventory hosts(String... names) {
    return inventory(List.of(names), Map.of(), Map.of());
  }

  static SourceSpan span(int line) {
    return new SourceSpan("test.yml", line, 1, line, 1);
  }
}
