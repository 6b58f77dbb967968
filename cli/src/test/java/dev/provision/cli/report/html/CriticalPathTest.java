package dev.provision.cli.report.html;

import static dev.provision.cli.report.html.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

  @Test
  void followsTheDependencyEdgesWhoseTimesAddUpToTheMost() {
    // host b's facts (300) + install (300) + wait (2000) outweigh a's 100 + 1000 + 400 before the
    // second play's deploy, which needs both hosts' last nodes (the play barrier, expanded)
    assertThat(CriticalPath.of(Fixtures.run("two-plays.jsonl").nodes())).containsExactly(2, 4, 6, 7);
  }

  @Test
  void theLongestChainIsNotTheLongestSingleNodeNorTheLastToEnd() {
    List<NodeRun> nodes = List.of(
        node(1, "a", 0, 500),
        node(2, "a", 500, 500, 1),
        node(3, "a", 1000, 500, 2), // chain 1-2-3: 1500
        node(4, "b", 0, 1200), // the longest node alone
        node(5, "c", 1300, 250)); // ends last, alone
    assertThat(CriticalPath.of(nodes)).containsExactly(1, 2, 3);
  }

  @Test
  void aNodeWaitsForTheNodeBeforeItOnItsHostToo() {
    // the lab's KubeVirt run: the controller's second play needs nothing, yet starts only when the
    // host has finished the first play's long install
    List<NodeRun> nodes = List.of(
        node(1, "controller", 0, 100),
        node(2, "controller", 100, 12_000, 1),
        node(3, "controller", 12_100, 2_000, 1),
        node(4, "worker", 0, 9_000));
    assertThat(CriticalPath.of(nodes)).containsExactly(1, 2, 3);
  }

  @Test
  void tiesGoToTheChainThatEndsLaterThenToTheLowerNumber() {
    assertThat(CriticalPath.of(List.of(node(1, "a", 0, 100), node(2, "b", 50, 100)))).containsExactly(2);
    assertThat(CriticalPath.of(List.of(node(1, "a", 0, 100), node(2, "b", 0, 100)))).containsExactly(1);
  }

  @Test
  void needsOfNodesThatNeverReportedAreNoEdges() {
    assertThat(CriticalPath.of(List.of(node(2, "a", 0, 100, 1), node(3, "a", 100, 100, 2, 99))))
        .containsExactly(2, 3);
  }

  @Test
  void aLongSequenceOnOneHostNeedsNoDeepRecursion() {
    List<NodeRun> nodes = new ArrayList<>();
    for (int i = 1; i <= 50_000; i++) {
      nodes.add(i == 1 ? node(1, "a", 0, 1) : node(i, "a", i - 1, 1, i - 1));
    }
    assertThat(CriticalPath.of(nodes)).hasSize(50_000).startsWith(1, 2).endsWith(50_000);
  }

  @Test
  void noNodesNoPath() {
    assertThat(CriticalPath.of(List.of())).isEmpty();
  }
}
