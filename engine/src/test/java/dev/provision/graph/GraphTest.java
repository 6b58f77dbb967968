package dev.provision.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GraphTest {

  @Test
  void topologicalOrderPutsDependenciesFirstAndKeepsInsertionOrderForTies() throws Exception {
    Graph<String> g = new Graph<>();
    g.add("d");
    g.connect("c", "a");
    g.connect("c", "b");
    g.connect("d", "c");
    g.add("e");
    List<String> order = g.topologicalOrder(Function.identity());
    assertThat(order).containsExactly("a", "b", "e", "c", "d");
  }

  @Test
  void aCycleIsReportedWithTheVerticesOnIt() {
    Graph<String> g = new Graph<>();
    g.connect("x", "y");
    g.connect("a", "b");
    g.connect("b", "c");
    g.connect("c", "a");
    assertThatThrownBy(() -> g.topologicalOrder(Function.identity()))
        .isInstanceOf(GraphCycleException.class)
        .satisfies(e -> {
          List<String> cycle = ((GraphCycleException) e).cycle();
          assertThat(cycle.get(0)).isEqualTo(cycle.get(cycle.size() - 1));
          assertThat(cycle).containsOnly("a", "b", "c").hasSize(4);
        })
        .hasMessageContaining("dependency cycle");
  }

  @Test
  void removingAVertexRemovesItsEdgesBothWays() {
    Graph<String> g = new Graph<>();
    g.connect("b", "a");
    g.connect("c", "b");
    g.remove("b");
    assertThat(g.vertices()).containsExactly("a", "c");
    assertThat(g.dependents("a")).isEmpty();
    assertThat(g.dependencies("c")).isEmpty();
    assertThat(g.edgeCount()).isZero();
  }

  @Test
  void anAcyclicGraphHasNoCycle() {
    Graph<String> g = new Graph<>();
    g.connect("b", "a");
    g.connect("c", "a");
    g.connect("d", "b");
    g.connect("d", "c");
    assertThat(g.findCycle(Function.identity())).isEmpty();
  }
}
