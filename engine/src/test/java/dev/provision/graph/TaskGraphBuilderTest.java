package dev.provision.graph;

import static dev.provision.run.Fixtures.inventory;
import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.DiagnosticsException;
import dev.provision.inventory.Inventory;
import dev.provision.playbook.Playbook;
import dev.provision.run.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskGraphBuilderTest {

  private final Inventory inv = inventory(List.of("web1", "web2", "db1"),
      Map.of("web", List.of("web1", "web2"), "db", List.of("db1")), Map.of());

  private static TaskGraph build(Playbook pb, Inventory inv) throws DiagnosticsException {
    return TaskGraphBuilder.standard(null, Set.of(), Set.of()).build(pb, inv);
  }

  private static TaskNode node(TaskGraph g, int play, int task, String host) {
    return new TaskNode(play, g.playbook().plays().get(play), task, g.playbook().plays().get(play).tasks().get(task), host);
  }

  @Test
  void eachHostRunsItsTasksInOrderWithoutWaitingForOtherHosts() throws Exception {
    TaskGraph g = build(playbook(play("web", "web", List.of(),
        task("one", "echo", Map.of()).b(), task("two", "echo", Map.of()).b())), inv);
    assertThat(g.hostNodes()).hasSize(4);
    assertThat(g.graph().dependencies(node(g, 0, 1, "web1"))).containsExactly(node(g, 0, 0, "web1"));
    assertThat(g.graph().dependencies(node(g, 0, 1, "web2"))).containsExactly(node(g, 0, 0, "web2"));
    assertThat(g.graph().dependencies(node(g, 0, 0, "web1"))).isEmpty();
    assertThat(g.hostNames(0)).containsExactly("web1", "web2");
  }

  @Test
  void aPlayStartsOnlyAfterEveryNodeOfThePlaysItNeeds() throws Exception {
    TaskGraph g = build(playbook(
        play("base", "all", List.of(), task("a", "echo", Map.of()).b(), task("b", "echo", Map.of()).b()),
        play("app", "web", List.of("base"), task("c", "echo", Map.of()).b()),
        play("side", "db", List.of(), task("d", "echo", Map.of()).b())), inv);
    List<GraphNode> order = g.graph().topologicalOrder(GraphNode::name);
    for (String host : List.of("web1", "web2", "db1")) {
      for (String web : List.of("web1", "web2")) {
        assertThat(order.indexOf(node(g, 0, 1, host))).isLessThan(order.indexOf(node(g, 1, 0, web)));
      }
    }
    // the first node of app waits on the barrier of base, which waits on the last node per host
    assertThat(g.graph().dependencies(node(g, 1, 0, "web1"))).containsExactly(g.barrier(0));
    assertThat(g.graph().dependencies(g.barrier(0)))
        .contains(node(g, 0, 1, "web1"), node(g, 0, 1, "web2"), node(g, 0, 1, "db1"));
    // a play with needs: [] depends on nothing
    assertThat(g.graph().dependencies(node(g, 2, 0, "db1"))).isEmpty();
  }

  @Test
  void aPlayWithoutHostsStillPassesOnTheOrderOfItsNeeds() throws Exception {
    TaskGraph g = build(playbook(
        play("first", "web", List.of(), task("a", "echo", Map.of()).b()),
        play("empty", "nomatch*", List.of("first"), task("b", "echo", Map.of()).b()),
        play("last", "db", List.of("empty"), task("c", "echo", Map.of()).b())), inv);
    List<GraphNode> order = g.graph().topologicalOrder(GraphNode::name);
    assertThat(order.indexOf(node(g, 0, 0, "web2"))).isLessThan(order.indexOf(node(g, 2, 0, "db1")));
  }

  @Test
  void aNeedsCycleIsAnErrorThatNamesThePlays() {
    Playbook pb = playbook(
        play("a", "web", List.of("c"), task("x", "echo", Map.of()).b()),
        play("b", "web", List.of("a"), task("y", "echo", Map.of()).b()),
        play("c", "db", List.of("b"), task("z", "echo", Map.of()).b()));
    assertThatThrownBy(() -> build(pb, inv)).isInstanceOf(DiagnosticsException.class)
        .hasMessageContaining("cycle")
        .hasMessageMatching("(?s).*(a -> c -> b -> a|b -> a -> c -> b|c -> b -> a -> c).*");
  }

  @Test
  void needsNamingAnUnknownPlayIsAnErrorWithASuggestion() {
    Playbook pb = playbook(play("base", "all", List.of()), play("app", "web", List.of("bsae")));
    assertThatThrownBy(() -> build(pb, inv)).isInstanceOf(DiagnosticsException.class)
        .satisfies(e -> assertThat(((DiagnosticsException) e).diagnostics().asList().get(0).hint())
            .contains("did you mean `base`"));
  }

  @Test
  void limitIntersectsEveryPlaysHosts() throws Exception {
    TaskGraph g = TaskGraphBuilder.standard("web2:db1", Set.of(), Set.of())
        .build(playbook(play("p", "web", List.of(), task("a", "echo", Map.of()).b())), inv);
    assertThat(g.hostNames(0)).containsExactly("web2");
    assertThat(g.hostNodes()).extracting(GraphNode::host).containsExactly("web2");
  }

  @Test
  void tagsRemoveTasksAndTheRemainingOnesStayInOrder() throws Exception {
    Playbook pb = playbook(Fixtures.gathering(play("p", "db", List.of(),
        task("one", "echo", Map.of()).tags("a").b(),
        task("two", "echo", Map.of()).tags("b").b(),
        task("three", "echo", Map.of()).tags("a", "never").b(),
        task("four", "echo", Map.of()).tags("always").b(),
        task("five", "echo", Map.of()).tags("a").b())));
    TaskGraph g = TaskGraphBuilder.standard(null, Set.of("a"), Set.of()).build(pb, inv);
    List<String> names = g.graph().topologicalOrder(GraphNode::name).stream()
        .filter(n -> n.host() != null).map(n -> n instanceof TaskNode t ? t.task().name() : "facts").toList();
    assertThat(names).containsExactly("facts", "one", "three", "four", "five");
    TaskGraph none = TaskGraphBuilder.standard(null, Set.of("zzz"), Set.of("always")).build(pb, inv);
    assertThat(none.hostNodes()).isEmpty(); // fact gathering goes too when no task is left
  }

  @Test
  void unknownHostPatternIsAWarningAtThePlayAndMatchesNoHostAsInAnsible() throws Exception {
    Playbook pb = playbook(play("p", "wbe", List.of(), task("a", "echo", Map.of()).b()));
    TaskGraph g = build(pb, inv);
    assertThat(g.hostNames(0)).isEmpty();
    assertThat(g.warnings()).singleElement().satisfies(w -> assertThat(w.summary()).contains("play `p`")
        .contains("did you mean `web`"));
  }

  @Test
  void anUnknownExcludedGroupIsStillAnError() {
    Playbook pb = playbook(play("p", "all:!wbe", List.of(), task("a", "echo", Map.of()).b()));
    assertThatThrownBy(() -> build(pb, inv)).isInstanceOf(DiagnosticsException.class).hasMessageContaining("play `p`")
        .hasMessageContaining("did you mean `web`");
  }

  @Test
  void rendersDotAndMermaid() throws Exception {
    TaskGraph g = build(playbook(play("base", "db", List.of(), task("say \"hi\"", "echo", Map.of()).b()),
        play("app", "db", List.of("base"), task("b", "echo", Map.of()).b())), inv);
    String dot = new GraphRenderer().render(g, GraphRenderer.Format.DOT);
    assertThat(dot).startsWith("digraph provision {").contains("subgraph cluster_0", "label=\"base\"",
        "say \\\"hi\\\"\\ndb1", "shape=diamond").endsWith("}\n");
    assertThat(dot.lines().filter(l -> l.contains("->")).count()).isEqualTo(g.graph().edgeCount());
    String mermaid = new GraphRenderer().render(g, GraphRenderer.Format.MERMAID);
    assertThat(mermaid).startsWith("flowchart TB").contains("subgraph play1 [\"app\"]", "say #quot;hi#quot;<br/>db1",
        "{\"end of base\"}");
    assertThat(mermaid.lines().filter(l -> l.contains("-->")).count()).isEqualTo(g.graph().edgeCount());
  }
}
