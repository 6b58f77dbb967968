package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run lock's script alone, under the real {@code /bin/sh} and {@code flock}, in a temp
 * {@code XDG_STATE_HOME}: one run that reaches one login under two names (localhost beside an ssh
 * login to the same machine, or two inventory names for one box) must not wait for itself, while
 * another run is still told who holds the lock.
 */
class RunLockScriptTest {

  @TempDir Path state;
  private final List<Process> scripts = new ArrayList<>();

  @AfterEach
  void stop() {
    scripts.forEach(Process::destroyForcibly);
  }

  private BufferedReader start(RunLock lock) throws Exception {
    ProcessBuilder b = new ProcessBuilder("/bin/sh", "-c", lock.script());
    b.environment().put("XDG_STATE_HOME", state.toString());
    Process p = b.start();
    scripts.add(p);
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  @Test
  void theRunHoldingTheLockTakesItAgainUnderAnotherNameWithoutWaiting() throws Exception {
    String owner = "provision pid 11 on ctl since 2026-12-02T21:00:00Z";
    assertThat(start(new RunLock(owner, true)).readLine()).isEqualTo("LOCKED");
    // were it waiting, the first line would be HELD and the next would never come
    assertThat(start(new RunLock(owner, true)).readLine()).isEqualTo("LOCKED");
  }

  @Test
  void anotherRunIsToldWhoHoldsItAndDoesNotTakeIt() throws Exception {
    String owner = "provision pid 11 on ctl since 2026-12-02T21:00:00Z";
    assertThat(start(new RunLock(owner, true)).readLine()).isEqualTo("LOCKED");
    BufferedReader other = start(new RunLock("provision pid 12 on ctl since 2026-12-02T21:00:01Z", false));
    assertThat(other.readLine()).isEqualTo("HELD " + owner);
    Process p = scripts.get(1);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(RunLock.HELD);
  }

  @Test
  void theFirstHolderKeepsTheLockUntilTheRunsOtherConnectionHasEndedToo() throws Exception {
    String owner = "provision pid 11 on ctl since 2026-12-02T21:00:00Z";
    takeTwiceAs(owner);
    Process first = scripts.get(0);
    Process second = scripts.get(1);
    first.getOutputStream().close(); // the first connection ends; the second still works
    assertThat(first.waitFor(1, TimeUnit.SECONDS)).as("the first holder lets go too early").isFalse();
    assertHeldBy(owner);

    second.getOutputStream().close();
    assertThat(second.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(first.waitFor(5, TimeUnit.SECONDS)).as("the first holder never lets go").isTrue();
    assertAnotherRunTakesIt();
  }

  @Test
  void aKilledCoHolderDoesNotKeepTheLockForever() throws Exception {
    String owner = "provision pid 11 on ctl since 2026-12-02T21:00:00Z";
    takeTwiceAs(owner);
    Process first = scripts.get(0);
    Process second = scripts.get(1);
    new ProcessBuilder("kill", "-KILL", Long.toString(second.pid())).start().waitFor();
    first.getOutputStream().close();
    assertThat(first.waitFor(5, TimeUnit.SECONDS)).as("waits for a co-holder that is gone").isTrue();
    assertAnotherRunTakesIt();
  }

  /** One run takes the lock under two names: both takes say LOCKED at once. */
  private void takeTwiceAs(String owner) throws Exception {
    assertThat(start(new RunLock(owner, true)).readLine()).isEqualTo("LOCKED");
    assertThat(start(new RunLock(owner, true)).readLine()).isEqualTo("LOCKED");
  }

  /** The lock is free: another run, not waiting, takes it. */
  private void assertAnotherRunTakesIt() throws Exception {
    assertThat(start(new RunLock("provision pid 13 on ctl since 2026-12-02T21:00:02Z", false)).readLine())
        .isEqualTo("LOCKED");
  }

  /** Another run, not waiting, is refused and told that {@code owner} holds the lock. */
  private void assertHeldBy(String owner) throws Exception {
    BufferedReader other = start(new RunLock("provision pid 12 on ctl since 2026-12-02T21:00:01Z", false));
    assertThat(other.readLine()).isEqualTo("HELD " + owner);
    Process p = scripts.get(scripts.size() - 1);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(RunLock.HELD);
  }
}
