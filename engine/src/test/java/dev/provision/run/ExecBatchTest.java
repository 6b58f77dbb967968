package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Status;
import dev.provision.module.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan's plain steps run as one command, in order, stopping at the first failure. Real {@code sh}. */
class ExecBatchTest {

  @TempDir
  Path dir;

  private Harness run(List<String> steps) throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(play("p", "all", List.of(), task("steps", "steps", Map.of("run", steps)).b())),
        Fixtures.hosts("h1"), Mode.APPLY);
    return h;
  }

  @Test
  void stepsRunInOrderInOneRoundTrip() throws Exception {
    Path d = dir.resolve("d");
    Harness h = run(List.of("mkdir -p -- " + d, "chmod 0700 -- " + d, "echo made > " + d.resolve("f")));

    assertThat(h.connections.commands).hasSize(1);
    assertThat(h.sink.result("steps", "h1").status()).isEqualTo(Status.CHANGED);
    assertThat(Files.readString(d.resolve("f"))).isEqualTo("made\n");
    assertThat(Files.getPosixFilePermissions(d)).hasSize(3);
  }

  @Test
  void theFirstFailingStepIsReportedAsIfItRanAloneAndLaterStepsDoNotRun() throws Exception {
    Path late = dir.resolve("late");
    Harness h = run(List.of("true", "echo oops >&2; exit 3", "touch " + late));

    assertThat(h.connections.commands).hasSize(1);
    assertThat(h.sink.result("steps", "h1")).satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.FAILED);
      assertThat(r.message()).isEqualTo("`echo oops >&2; exit 3` exited 3: oops");
      assertThat(r.data().get("stderr")).isEqualTo("oops\n");
    });
    assertThat(late).doesNotExist();
  }
}
