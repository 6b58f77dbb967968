package dev.provision.graph;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.Suggestions;
import dev.provision.playbook.Play;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds one barrier per play and connects it to the barriers of the plays it {@code needs}. The
 * barrier-to-barrier edges keep the order even for a play with no nodes (no hosts matched), and a
 * {@code needs} cycle becomes a cycle of barriers, which names the plays.
 */
public final class PlayBarrierTransformer implements GraphTransformer {

  @Override
  public void transform(TaskGraph graph, Diagnostics diagnostics) {
    List<Play> plays = graph.playbook().plays();
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < plays.size(); i++) {
      graph.graph().add(graph.barrier(i));
      byName.putIfAbsent(plays.get(i).name(), i);
    }
    for (int i = 0; i < plays.size(); i++) {
      Play play = plays.get(i);
      for (String need : play.needs()) {
        Integer target = byName.get(need);
        if (target == null) {
          String hint = Suggestions.didYouMean(need, byName.keySet());
          diagnostics.error(play.span(), "play `" + play.name() + "` needs `" + need + "`, which is not a play",
              hint != null ? hint : "plays are: " + String.join(", ", byName.keySet()));
        } else {
          graph.graph().connect(graph.barrier(i), graph.barrier(target));
        }
      }
    }
  }
}
