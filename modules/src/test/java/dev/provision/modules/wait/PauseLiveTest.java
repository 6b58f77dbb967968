package dev.provision.modules.wait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.module.testing.ModuleRun;
import dev.provision.module.testing.ShellConnection;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pause} waits on the control node, so no ssh host is involved: it waits the time asked, the
 * same in a plan as in an apply, runs no command and changes nothing.
 */
class PauseLiveTest {

  @TempDir Path dir;

  @Test
  void waitsTheSecondsAskedInPlanAndApplyAndRunsNoCommand() throws Exception {
    ShellConnection connection = new ShellConnection(dir);
    ModuleRun pause = new ModuleRun(new PauseModule(), connection, Map.of());
    for (boolean apply : new boolean[] {false, true}) {
      long started = System.nanoTime();
      ModuleRun.Outcome outcome = apply ? pause.apply(Map.of("seconds", "1")) : pause.plan(Map.of("seconds", 1));
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(millis).isBetween(1000L, 5000L);
      assertThat(outcome.changed()).isFalse();
      assertThat(outcome.message()).isEqualTo("paused for 1 second");
      assertThat(outcome.data()).containsEntry("delta", 1L).containsEntry("user_input", "");
    }
    assertThat(connection.scripts()).isEmpty();
  }

  @Test
  void anInterruptEndsThePauseWithAClearFailure() throws Exception {
    ModuleRun pause = new ModuleRun(new PauseModule(), new ShellConnection(dir), Map.of());
    Thread.currentThread().interrupt();
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> pause.apply(Map.of("minutes", 1)))
          .hasMessageStartingWith("pause interrupted after");
    } finally {
      Thread.interrupted();
    }
  }
}
