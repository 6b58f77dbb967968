package dev.provision.graph;

import dev.provision.diag.Diagnostics;
import dev.provision.inventory.Host;
import dev.provision.playbook.Play;
import dev.provision.playbook.Task;
import java.util.List;

/**
 * One node per (task, host) of each play, then one per (handler, host) (at each {@code meta: flush_handlers}
 * too: {@link dev.provision.playbook.Play#nodeTasks}), preceded by a fact-gathering
 * node per host when the play gathers facts. Nodes are added play by play, task by task, so ties in the walk follow the file.
 */
public final class TaskNodeTransformer implements GraphTransformer {

  @Override
  public void transform(TaskGraph graph, Diagnostics diagnostics) {
    List<Play> plays = graph.playbook().plays();
    for (int p = 0; p < plays.size(); p++) {
      Play play = plays.get(p);
      List<Host> hosts = graph.hosts(p);
      if (play.gatherFacts() && !play.tasks().isEmpty()) {
        for (Host h : hosts) {
          graph.graph().add(new GatherFactsNode(p, play, h.name()));
        }
      }
      List<Task> all = play.nodeTasks(); // handlers at each flush and last: they run after the tasks, when notified
      for (int t = 0; t < all.size(); t++) {
        for (Host h : hosts) {
          graph.graph().add(new TaskNode(p, play, t, all.get(t), h.name()));
        }
      }
    }
  }
}
