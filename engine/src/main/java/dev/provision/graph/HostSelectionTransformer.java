package dev.provision.graph;

import dev.provision.diag.Diagnostics;
import dev.provision.inventory.Host;
import dev.provision.inventory.HostPatternException;
import dev.provision.playbook.Play;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Decides each play's hosts: its {@code hosts} pattern, intersected with {@code --limit}. */
public final class HostSelectionTransformer implements GraphTransformer {

  private final String limit;

  /** {@code limit} null means every host. */
  public HostSelectionTransformer(String limit) {
    this.limit = limit;
  }

  @Override
  public void transform(TaskGraph graph, Diagnostics diagnostics) {
    Set<String> allowed = null;
    if (limit != null && !limit.isBlank()) {
      try {
        allowed = new HashSet<>();
        for (Host h : graph.inventory().select(limit)) {
          allowed.add(h.name());
        }
      } catch (HostPatternException e) {
        diagnostics.error(null, "--limit " + limit + ": " + e.getMessage(), null);
        return;
      }
    }
    List<Play> plays = graph.playbook().plays();
    for (int i = 0; i < plays.size(); i++) {
      Play play = plays.get(i);
      try {
        List<Host> selected = new ArrayList<>();
        java.util.function.Consumer<String> ignored = message -> diagnostics.add(dev.provision.diag.Diagnostic.warning(
            play.span(), "play `" + play.name() + "`: " + message + "; ignored, as Ansible does, so it matches no host",
            "use a group or host name from the inventory, `all`, or a `:`-joined union"));
        for (Host h : dev.provision.inventory.HostPattern.parse(play.hosts()).select(graph.inventory(), ignored)) {
          if (allowed == null || allowed.contains(h.name())) {
            selected.add(h);
          }
        }
        graph.selectHosts(i, play.batching().ordered(selected, Host::name)); // the play's `order`
      } catch (HostPatternException e) {
        diagnostics.error(play.span(), "play `" + play.name() + "`: hosts `" + play.hosts() + "`: " + e.getMessage(),
            "use a group or host name from the inventory, `all`, or a `:`-joined union");
      }
    }
  }
}
