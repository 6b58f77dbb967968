package dev.provision.cli.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static final int WIDTH = 1000;
  private final RunRecord run = Fixtures.run("two-plays.jsonl");
  private final Timeline t = Timeline.layout(run, CriticalPath.of(run.nodes()), WIDTH);
  private final Map<Integer, Timeline.Bar> bars = t.bars().stream()
      .collect(Collectors.toMap(b -> b.node().id(), Function.identity()));
  private final double scale = (WIDTH - Timeline.LABEL_WIDTH - 16) / 2710.0; // the recap's elapsed time

  @Test
  void oneLanePerHostInTheOrderTheyAppearAndOneBarPerNode() {
    assertThat(t.lanes()).extracting(Timeline.Lane::host).containsExactly("a", "b");
    assertThat(t.bars()).extracting(b -> b.node().id()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    for (Timeline.Bar b : t.bars()) {
      Timeline.Lane lane = t.lanes().stream().filter(l -> l.host().equals(b.node().host())).findFirst().orElseThrow();
      assertThat(b.y()).isBetween((double) lane.y(), (double) lane.y() + Timeline.LANE_HEIGHT - b.h());
    }
  }

  @Test
  void barsSpanTheirNodesTimeOnOneAxis() {
    Timeline.Bar install = bars.get(3); // 100 ms to 1100 ms
    assertThat(install.x()).isCloseTo(Timeline.LABEL_WIDTH + 100 * scale, within(0.01));
    assertThat(install.w()).isCloseTo(1000 * scale, within(0.01));
    Timeline.Bar deploy = bars.get(7);
    assertThat(deploy.x() + deploy.w()).isCloseTo(Timeline.LABEL_WIDTH + 2700 * scale, within(0.01));
    assertThat(bars.get(4).x() + bars.get(4).w()).isCloseTo(bars.get(6).x(), within(0.01)); // back to back on b
  }

  @Test
  void aNodeThatTookNoTimeStillHasAVisibleBar() {
    assertThat(bars.get(8).node().status()).isEqualTo("skipped");
    assertThat(bars.get(8).w()).isEqualTo(Timeline.MIN_BAR);
  }

  @Test
  void waitsAreMarked() {
    assertThat(bars.get(6).waitX()).isEqualTo(bars.get(6).x()); // wait_for: all of it is waiting
    Timeline.Bar check = bars.get(5); // retried: waiting from the first retry, each retry marked
    assertThat(check.waitX()).isCloseTo(Timeline.LABEL_WIDTH + 1200 * scale, within(0.01));
    assertThat(check.retryXs()).hasSize(2);
    assertThat(bars.get(3).waitX()).isEqualTo(-1);
  }

  @Test
  void theCriticalPathIsFlaggedAndLinkedBarToBar() {
    assertThat(t.bars().stream().filter(Timeline.Bar::critical).map(b -> b.node().id())).containsExactly(2, 4, 6, 7);
    assertThat(t.criticalLinks()).hasSize(3);
    Timeline.Link toDeploy = t.criticalLinks().get(2); // from b's wait, across lanes, to a's deploy
    assertThat(toDeploy.y1()).isGreaterThan(toDeploy.y2());
    assertThat(toDeploy.x2()).isCloseTo(bars.get(7).x(), within(0.01));
  }

  @Test
  void playsAreMarkedWhereTheyStarted() {
    assertThat(t.plays()).extracting(Timeline.PlayMark::name).containsExactly("one", "two");
    assertThat(t.plays().get(1).x()).isCloseTo(Timeline.LABEL_WIDTH + 2600 * scale, within(0.01));
  }

  @Test
  void playsStartingTogetherPutTheirNamesOnRowsAndTheLanesMoveDown() {
    RunRecord together = new RunRecord(run.mode(), run.playbook(), run.started(), run.elapsedMs(), run.exitCode(),
        run.plannedNodes(), run.hosts(), run.nodes(), run.recap(), List.of(new RunRecord.PlayStart("virtualization host", 0),
            new RunRecord.PlayStart("kubevirt operator", 10), new RunRecord.PlayStart("later", 2600)));
    Timeline stacked = Timeline.layout(together, List.of(), WIDTH);
    assertThat(stacked.plays()).extracting(Timeline.PlayMark::row).containsExactly(0, 1, 0);
    assertThat(stacked.top()).isEqualTo(t.top() + Timeline.PLAY_ROW);
    assertThat(stacked.lanes().get(0).y()).isEqualTo(t.lanes().get(0).y() + Timeline.PLAY_ROW);
    assertThat(t.plays()).extracting(Timeline.PlayMark::row).containsExactly(0, 0);
  }

  @Test
  void ticksAreRoundAndFewAndInsideTheChart() {
    List<String> labels = t.ticks().stream().map(Timeline.Tick::label).toList();
    assertThat(labels).containsExactly("0s", "0.5s", "1s", "1.5s", "2s", "2.5s");
    assertThat(t.ticks()).allSatisfy(k -> assertThat(k.x()).isBetween((double) Timeline.LABEL_WIDTH, (double) WIDTH));
    assertThat(Timeline.ticks(35_000, 1)).extracting(Timeline.Tick::label).containsExactly("0s", "5s", "10s", "15s", "20s", "25s", "30s", "35s");
    assertThat(Timeline.ticks(600_000, 1)).extracting(Timeline.Tick::label).contains("0s", "1m", "10m").hasSize(11);
  }
}
