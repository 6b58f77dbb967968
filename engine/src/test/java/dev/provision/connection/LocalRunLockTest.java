package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local connections take the run lock the ssh path takes, with the real {@code flock}: each run is
 * a forked JVM with its own {@code XDG_STATE_HOME} (a temp dir, so this test never meets the
 * machine's real lock). Two hosts of one run share it; a second run waits for it, saying who holds
 * it, or with {@code waitIfHeld} false fails at once; it is released when the run's last local
 * connection closes.
 */
class LocalRunLockTest {

  @TempDir Path state;
  private final java.util.List<Process> runs = new java.util.ArrayList<>();

  @AfterEach
  void stopRuns() {
    runs.forEach(Process::destroyForcibly);
  }

  /** A forked run: {@link Main} with {@code args}; its stdout read line by line. */
  private record Run(Process process, BufferedReader out, PrintStream in) {
    String line() throws Exception {
      String l = out.readLine();
      return l == null ? "EOF" : l;
    }
  }

  private Run start(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(java.util.List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    b.environment().put("XDG_STATE_HOME", state.toString());
    Process p = b.start();
    runs.add(p);
    return new Run(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
        new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8));
  }

  /** Whether someone holds the lock now, asked of {@code flock -n} itself. */
  private boolean held() throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", "exec 9>>\"$1/provision/run.lock\" && flock -n 9", "sh",
        state.toString()).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() != 0;
  }

  @Test
  void twoHostsShareTheLockASecondRunWaitsOrFailsAndTheLastCloseReleasesIt() throws Exception {
    Run first = start("first run", "wait");
    assertThat(first.line()).isEqualTo("HELD web1");
    assertThat(first.line()).as("a second local host of the same run does not wait").isEqualTo("HELD web2");
    assertThat(held()).isTrue();

    Run impatient = start("impatient run", "nowait");
    assertThat(impatient.line()).isEqualTo("LOCKED another run holds the run lock on web1 (first run); not waiting for it"
        + " (--no-wait-lock): run again when it has finished, or without --no-wait-lock to wait");
    assertThat(impatient.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

    Run patient = start("patient run", "wait");
    assertThat(patient.line()).isEqualTo("WAITING waiting for the run lock on web1: held by first run");

    first.in().println("close one");
    assertThat(first.line()).isEqualTo("CLOSED web1");
    assertThat(held()).as("web2 still holds it").isTrue();
    assertThat(patient.out().ready()).as("the patient run still waits").isFalse();
    first.in().println("close the other");
    assertThat(first.line()).isEqualTo("CLOSED web2");
    assertThat(patient.line()).as("it goes on once the first run's last connection closed").isEqualTo("HELD web1");
    assertThat(patient.line()).isEqualTo("HELD web2");
    patient.in().println("close");
    patient.in().println("close");
    assertThat(patient.line()).isEqualTo("CLOSED web1");
    assertThat(patient.line()).isEqualTo("CLOSED web2");
    assertThat(patient.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(held()).isFalse();
  }

  @Test
  void aKilledRunLeavesTheLockFree() throws Exception {
    Run run = start("doomed run", "wait");
    assertThat(run.line()).isEqualTo("HELD web1");
    run.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (held() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(held()).isFalse();
  }

  /**
   * One run: local connections to web1 and web2 take the lock as {@code args[0]}, waiting when
   * {@code args[1]} is {@code wait}; each line of stdin closes the next connection.
   */
  public static final class Main {
    public static void main(String[] args) throws Exception {
      RunLock lock = new RunLock(args[0], args[1].equals("wait"));
      java.util.List<String> hosts = java.util.List.of("web1", "web2");
      java.util.List<LocalConnection> open = new java.util.ArrayList<>();
      for (String host : hosts) {
        LocalConnection c = new LocalConnection(new ConnectionSpec(host, "local", null, 0, null, null, null, false, null,
            null));
        try {
          c.holdRunLock(lock, message -> System.out.println("WAITING " + message));
        } catch (ConnectionException e) {
          System.out.println(e.kind() + " " + e.getMessage());
          System.exit(0);
        }
        System.out.println("HELD " + host);
        open.add(c);
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (int i = 0; i < open.size() && in.readLine() != null; i++) {
        open.get(i).close();
        System.out.println("CLOSED " + hosts.get(i));
      }
    }
  }
}
